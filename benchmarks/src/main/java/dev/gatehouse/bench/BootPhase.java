package dev.gatehouse.bench;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.KeycloakSetup;
import dev.gatehouse.testing.Ports;
import dev.gatehouse.testing.PostgresServer;
import dev.gatehouse.testing.RealmFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code boot_ratio} and {@code heap_overhead_mb}: the distribution with the bundle against the
 * same distribution without it, each a copy of its own (a {@code kc.sh build} without the jar
 * rewrites the copy's augmented server), each with a Keycloak database of its own. Each side
 * boots once to create its schema (the bundle's side importing the realm export), then the
 * measured boots alternate sides; every measured boot is warmed up alike and its heap read after a
 * full GC.
 */
final class BootPhase {

    private static final int WARM_UP_REQUESTS = 50;

    private final BenchConfig config;
    private final GatehouseEnvironment env;
    private final Path root;
    private final Results results;
    private final PrintStream out;

    BootPhase(BenchConfig config, GatehouseEnvironment env, Path root, Results results, PrintStream out) {
        this.config = config;
        this.env = env;
        this.root = root;
        this.results = results;
        this.out = out;
    }

    /** One side of the comparison: its distribution copy, its database, its measured boots. */
    private final class Side {
        final String name;
        final boolean bundle;
        final Path home;
        final String database;
        final List<Long> bootMillis = new ArrayList<>();
        final List<Double> heapMegabytes = new ArrayList<>();

        Side(String name, boolean bundle) {
            this.name = name;
            this.bundle = bundle;
            this.home = root.resolve(name);
            this.database = "boot_" + name.replace('-', '_');
        }

        KeycloakSetup setup() {
            return new KeycloakSetup(
                    env.options().bundleJar(),
                    Ports.free(),
                    Ports.free(),
                    env.store().server().jdbcUrl(database),
                    env.store().jdbcUrl(),
                    PostgresServer.USER,
                    PostgresServer.PASSWORD,
                    env.mail().port(),
                    KeycloakSetup.RealmImport.AT_START);
        }

        Map<String, String> buildOptions() {
            Map<String, String> options = new LinkedHashMap<>(setup().buildOptions());
            if (!bundle) {
                options.keySet().removeIf(BootPhase::needsBundle);
            }
            return options;
        }

        List<String> startArguments(KeycloakSetup setup, boolean importRealms) {
            Map<String, String> options = new LinkedHashMap<>(setup.runtimeOptions());
            if (!importRealms) {
                options.remove("import-realm");
            }
            if (!bundle) {
                options.keySet().removeIf(BootPhase::needsBundle);
            }
            // The tests' servers migrate the store at start; a deployment's default does not.
            options.keySet().removeIf(option -> option.endsWith("migrate-on-start"));
            List<String> arguments = new ArrayList<>(List.of("start", "--optimized"));
            arguments.addAll(arguments(options));
            return arguments;
        }

        Map<String, String> environment(KeycloakSetup setup) {
            Map<String, String> environment = new LinkedHashMap<>(setup.environment());
            environment.put("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
            return environment;
        }

        Path log() {
            return root.resolve(name + ".log");
        }
    }

    void run() throws Exception {
        Side bundle = new Side("with-bundle", true);
        Side stock = new Side("stock", false);
        for (Side side : List.of(bundle, stock)) {
            prepare(side);
            env.store().server().createDatabase(side.database);
            boot(side, true).close();
            out.printf("  %s: distribution ready, schema created%n", side.name);
        }
        for (int run = 0; run < Math.max(1, config.bootRuns()); run++) {
            for (Side side : run % 2 == 0 ? List.of(stock, bundle) : List.of(bundle, stock)) {
                StringBuilder pools = new StringBuilder();
                try (BootedKeycloak keycloak = boot(side, false)) {
                    keycloak.warmUp(WARM_UP_REQUESTS);
                    side.bootMillis.add(keycloak.readyMillis());
                    side.heapMegabytes.add(keycloak.heapUsedMegabytesAfterGc(pools));
                }
                out.printf(
                        "  %s boot %d: ready in %d ms, heap after warm-up and GC %.1f MB (%s)%n",
                        side.name,
                        run + 1,
                        side.bootMillis.get(run),
                        side.heapMegabytes.get(run),
                        pools.toString().strip());
            }
        }
        double bundleMillis =
                median(bundle.bootMillis.stream().mapToDouble(Long::doubleValue).toArray());
        double stockMillis =
                median(stock.bootMillis.stream().mapToDouble(Long::doubleValue).toArray());
        double bundleHeap = median(
                bundle.heapMegabytes.stream().mapToDouble(Double::doubleValue).toArray());
        double stockHeap = median(
                stock.heapMegabytes.stream().mapToDouble(Double::doubleValue).toArray());
        results.put("boot_ratio", bundleMillis / stockMillis, "ratio");
        results.put("boot_with_bundle_ms", bundleMillis, "ms");
        results.put("boot_stock_ms", stockMillis, "ms");
        results.put("heap_overhead_mb", bundleHeap - stockHeap, "MB");
        results.put("heap_with_bundle_mb", bundleHeap, "MB");
        results.put("heap_stock_mb", stockHeap, "MB");
    }

    private BootedKeycloak boot(Side side, boolean first) {
        KeycloakSetup setup = side.setup();
        return BootedKeycloak.start(
                side.home,
                side.startArguments(setup, first && side.bundle),
                side.environment(setup),
                setup.httpPort(),
                setup.managementPort(),
                side.log());
    }

    /**
     * The side's distribution: a copy of the benchmark's, which the environment built with the
     * bundle, its {@code data/} left out. The bundle's copy keeps that build (file times copied,
     * so Keycloak accepts the optimized start); the stock copy loses the jar and is built again.
     * A copy made from the same build before is kept.
     */
    private void prepare(Side side) throws IOException {
        Path source = env.options().keycloakHome();
        Map<String, String> buildOptions = side.buildOptions();
        String fingerprint = side.bundle
                ? "bundle build " + Files.readString(source.resolve("data/gatehouse-build.sha256"))
                : "stock build of " + source + " " + buildOptions;
        Path marker = side.home.resolve("bench-build.txt");
        if (!Files.exists(marker) || !Files.readString(marker).equals(fingerprint)) {
            out.printf("  %s: copying the distribution%s ...%n", side.name, side.bundle ? "" : " and building it");
            deleteRecursively(side.home);
            copy(source, side.home);
            Files.deleteIfExists(side.log());
            if (!side.bundle) {
                Files.delete(side.home.resolve("providers/gatehouse.jar"));
                List<String> build = new ArrayList<>(List.of("build"));
                build.addAll(arguments(buildOptions));
                BootedKeycloak.run(side.home, build, Map.of(), side.log());
            }
            Files.writeString(marker, fingerprint);
        }
        deleteRecursively(side.home.resolve("data"));
        RealmFiles.copyTo(side.home.resolve("data/import"));
    }

    /** The accounts datasource and the Gatehouse providers' options, which a stock server lacks. */
    private static boolean needsBundle(String option) {
        return option.endsWith("-accounts") || option.contains("gatehouse");
    }

    /** Keycloak's command-line form of options; an empty value is a bare flag. */
    private static List<String> arguments(Map<String, String> options) {
        return options.entrySet().stream()
                .map(option -> option.getValue().isEmpty()
                        ? "--" + option.getKey()
                        : "--" + option.getKey() + "=" + option.getValue())
                .toList();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void copy(Path source, Path target) throws IOException {
        Path data = source.resolve("data");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.startsWith(data)) {
                    continue;
                }
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
