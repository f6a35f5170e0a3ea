package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak started from the unpacked distribution with {@code kc.sh}: the bundle goes into
 * {@code providers/}, {@code kc.sh build} runs only when the bundle or the build options changed,
 * {@code kc.sh import} runs when the setup asks for it, then {@code kc.sh start --optimized}. Output goes to a log file whose tail is shown on failure.
 */
public final class DistributionKeycloak implements KeycloakServer {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(25);

    private final Path home;
    private final KeycloakSetup setup;
    private final Path log;
    private Process process;

    private DistributionKeycloak(Path home, KeycloakSetup setup, Path log) {
        this.home = home;
        this.setup = setup;
        this.log = log;
    }

    public static DistributionKeycloak start(Path home, KeycloakSetup setup, Path workDirectory) {
        DistributionKeycloak keycloak = prepared(home, setup, workDirectory);
        if (setup.realmImport() == KeycloakSetup.RealmImport.KC_SH_IMPORT) {
            keycloak.importRealms(workDirectory.resolve("realms"));
        }
        keycloak.launch();
        return keycloak;
    }

    /**
     * Installs the bundle and the realm files into the distribution and builds it if needed,
     * without starting it: for copies of a built distribution (see {@link DistributionCopy}).
     */
    public static void build(Path home, KeycloakSetup setup, Path workDirectory) {
        prepared(home, setup, workDirectory);
    }

    private static DistributionKeycloak prepared(Path home, KeycloakSetup setup, Path workDirectory) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": run the build through Maven, which unpacks it (see docs/development/README.md)");
        }
        DistributionKeycloak keycloak = new DistributionKeycloak(home, setup, workDirectory.resolve("keycloak.log"));
        keycloak.install();
        keycloak.buildIfNeeded();
        return keycloak;
    }

    @Override
    public String baseUrl() {
        return setup.baseUrl();
    }

    @Override
    public String managementUrl() {
        return "http://localhost:" + setup.managementPort();
    }

    public Path log() {
        return log;
    }

    private void install() {
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            RealmFiles.copyTo(home.resolve("data/import"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the bundle and runs {@code kc.sh build} unless the same bundle was built with the same
     * options before. An unchanged bundle is not copied again: Keycloak compares the providers'
     * timestamps and refuses an optimized start after any copy.
     */
    private void buildIfNeeded() {
        Path marker = home.resolve("data/gatehouse-build.sha256");
        Path installed = home.resolve("providers/gatehouse.jar");
        String fingerprint = fingerprint();
        try {
            if (Files.exists(marker)
                    && Files.readString(marker).equals(fingerprint)
                    && Files.exists(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(marker)) <= 0) {
                return;
            }
            Files.createDirectories(installed.getParent());
            Files.copy(setup.bundleJar(), installed, StandardCopyOption.REPLACE_EXISTING);
            List<String> command =
                    new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(KeycloakSetup.asArguments(setup.buildOptions()));
            run(command, "kc.sh build");
            Files.writeString(marker, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a kc.sh command to its end, its output in the log; fails with the log's tail. */
    private void run(List<String> command, String what) {
        try {
            Process process = processBuilder(command).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " failed; see " + log + "\n" + tail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kc.sh import --dir}: the realm export into the database, before the server first starts. */
    private void importRealms(Path directory) {
        RealmFiles.copyTo(directory);
        List<String> command = new ArrayList<>(
                List.of(home.resolve("bin/kc.sh").toString(), "import", "--optimized", "--dir=" + directory));
        command.addAll(KeycloakSetup.asArguments(setup.importOptions()));
        run(command, "kc.sh import");
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized"));
        command.addAll(KeycloakSetup.asArguments(setup.runtimeOptions()));
        try {
            process = processBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    private ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(setup.environment());
        builder.environment().putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        return builder;
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        List<URI> realms = List.of(
                URI.create(baseUrl() + "/realms/gatehouse/.well-known/openid-configuration"),
                URI.create(baseUrl() + "/realms/console/.well-known/openid-configuration"));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "\n" + tail());
            }
            if (realms.stream().allMatch(uri -> answers(http, uri))) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + "\n" + tail());
    }

    private static boolean answers(HttpClient http, URI uri) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void restart() {
        close();
        launch();
    }

    /** SIGTERM to Keycloak (kc.sh execs the JVM) and its children; SIGKILL after the grace period. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit()
                        .get(
                                Math.max(
                                        1,
                                        Duration.between(Instant.now(), deadline)
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (Exception timedOut) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    /** SIGKILL to Keycloak and its children at once, as a crashed machine: no shutdown of any kind. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().join());
        process = null;
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Files.readAllBytes(setup.bundleJar()));
            digest.update(setup.buildOptions().toString().getBytes());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
