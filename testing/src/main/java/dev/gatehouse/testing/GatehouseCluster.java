package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Keycloak nodes started from the distribution on loopback, clustered ({@code --cache=ispn},
 * JGroups' {@code jdbc-ping} stack, which finds the members through Keycloak's database), sharing
 * Keycloak's database, the account store and the mail server. Each node runs from its own copy of
 * the built distribution, under the work directory's {@code cluster/}; the first imports the realms.
 * Independent of the environment the other tests share: its own servers, its own ports.
 */
public final class GatehouseCluster implements AutoCloseable {

    /** The nodes' names, in the order they start: A imports the realms. */
    public static final List<String> NODES = List.of("a", "b");

    private static final Logger LOG = LoggerFactory.getLogger(GatehouseCluster.class);
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);
    /** Infinispan's log line for a new JGroups view, with its number of members. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view .*? \\((\\d+)\\) \\[");

    private final Servers servers;
    private final List<DistributionKeycloak> keycloaks;
    private final List<GatehouseEnvironment> nodes;

    private GatehouseCluster(Servers servers, List<DistributionKeycloak> keycloaks, List<GatehouseEnvironment> nodes) {
        this.servers = servers;
        this.keycloaks = keycloaks;
        this.nodes = nodes;
    }

    /** Starts the servers, then both nodes, and waits until each sees the other. */
    public static GatehouseCluster start(GatehouseEnvironment.Options options) {
        if (!"distribution".equals(options.runtime())) {
            throw new IllegalArgumentException("The cluster runs from the unpacked distribution only");
        }
        long started = System.nanoTime();
        Path work = options.workDirectory().resolve("cluster");
        Servers servers = Servers.start(work);
        List<DistributionKeycloak> keycloaks = new ArrayList<>();
        List<GatehouseEnvironment> nodes = new ArrayList<>();
        GatehouseCluster cluster = new GatehouseCluster(servers, keycloaks, nodes);
        try {
            DistributionKeycloak.build(
                    options.keycloakHome(),
                    servers.keycloakSetup(
                            options.bundleJar(), 0, KeycloakSetup.RealmImport.NONE, KeycloakSetup.Cache.LOCAL),
                    work);
            // One node after the other: on an empty database two booting nodes race to create
            // Liquibase's changelog table, which Keycloak's database lock does not cover. A
            // creates the schema and imports the realms; B then joins.
            for (String name : NODES) {
                Path nodeWork = work.resolve("node-" + name);
                Path home = DistributionCopy.of(options.keycloakHome(), nodeWork.resolve("keycloak"));
                KeycloakSetup setup = servers.keycloakSetup(
                        options.bundleJar(),
                        Ports.free(),
                        keycloaks.isEmpty() ? KeycloakSetup.RealmImport.AT_START : KeycloakSetup.RealmImport.NONE,
                        KeycloakSetup.Cache.clustered(Ports.free()));
                DistributionKeycloak keycloak = DistributionKeycloak.start(home, setup, nodeWork);
                keycloaks.add(keycloak);
                nodes.add(GatehouseEnvironment.node(options, servers, keycloak));
            }
            cluster.awaitMembers(NODES.size());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Gatehouse cluster of {} nodes ready in {} s",
                NODES.size(),
                (System.nanoTime() - started) / 1_000_000_000);
        return cluster;
    }

    /** A node, by its name in {@link #NODES}, as an environment of its own (its URLs, the shared servers). */
    public GatehouseEnvironment node(String name) {
        return nodes.get(NODES.indexOf(name));
    }

    /** Kills a node (SIGKILL to its process tree); the others stay up. */
    public void kill(String name) {
        keycloaks.get(NODES.indexOf(name)).kill();
    }

    /** A node's log. */
    public Path log(String name) {
        return keycloaks.get(NODES.indexOf(name)).log();
    }

    /** The number of members a node's latest cluster view has, as its log says; empty before its first view. */
    public Optional<Integer> members(String name) {
        try {
            Optional<Integer> members = Optional.empty();
            for (String line : Files.readAllLines(log(name))) {
                Matcher view = VIEW.matcher(line);
                if (view.find()) {
                    members = Optional.of(Integer.valueOf(view.group(1)));
                }
            }
            return members;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitMembers(int count) {
        Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
        while (!NODES.stream().allMatch(name -> members(name).equals(Optional.of(count)))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The nodes did not form a cluster of " + count + " within "
                        + VIEW_TIMEOUT + "; see " + log(NODES.get(0)) + " and " + log(NODES.get(1)));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        keycloaks.forEach(Servers::closeQuietly);
        servers.close();
    }
}
