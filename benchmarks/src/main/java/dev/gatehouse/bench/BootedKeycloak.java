package dev.gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak process of the boot comparison, started with {@code kc.sh} from a distribution copy:
 * the time from launch to {@code /health/ready} answering 200 (polled every 50 ms), and the heap
 * it uses after a warm-up and a full GC ({@code jcmd GC.run}, then {@code jvm_memory_used_bytes}
 * of the heap pools on {@code /metrics}). The harness's {@code DistributionKeycloak} waits for the
 * product realms, which a stock server does not have, and hides its JVM's pid.
 */
final class BootedKeycloak implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final String baseUrl;
    private final String managementUrl;
    private final BenchHttp http;
    private long readyMillis;

    private BootedKeycloak(Process process, int httpPort, int managementPort) {
        this.process = process;
        this.baseUrl = "http://localhost:" + httpPort;
        this.managementUrl = "http://localhost:" + managementPort;
        this.http = new BenchHttp(baseUrl);
    }

    /** Runs a kc.sh command to its end ({@code build}); fails with the log's path. */
    static void run(Path home, List<String> arguments, Map<String, String> environment, Path log) {
        try {
            Process process = builder(home, arguments, environment, log).start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh " + arguments + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static BootedKeycloak start(
            Path home,
            List<String> arguments,
            Map<String, String> environment,
            int httpPort,
            int managementPort,
            Path log) {
        try {
            long started = System.nanoTime();
            BootedKeycloak keycloak = new BootedKeycloak(
                    builder(home, arguments, environment, log).start(), httpPort, managementPort);
            keycloak.awaitReady(started, log);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long readyMillis() {
        return readyMillis;
    }

    /** The same requests on every server: discovery documents and admin token grants of the master realm. */
    void warmUp(int requests) throws IOException, InterruptedException {
        for (int i = 0; i < requests; i++) {
            http.get(baseUrl + "/realms/master/.well-known/openid-configuration");
            http.postForm(
                    http.tokenUrl("master"),
                    Map.of(
                            "grant_type",
                            "password",
                            "client_id",
                            "admin-cli",
                            "username",
                            "admin",
                            "password",
                            "admin"));
        }
    }

    /**
     * Heap in use after a full GC: {@code jcmd GC.run}, then the heap pools of
     * {@code jvm_memory_used_bytes} on {@code /metrics}; {@code detail} receives each pool's value.
     */
    double heapUsedMegabytesAfterGc(StringBuilder detail) throws IOException, InterruptedException {
        ProcessHandle jvm = process.descendants()
                .filter(handle -> handle.info().command().orElse("").endsWith("/java"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No JVM under kc.sh " + process.pid()));
        Process gc = new ProcessBuilder("jcmd", String.valueOf(jvm.pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        String gcOutput = new String(gc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!gc.waitFor(1, TimeUnit.MINUTES) || gc.exitValue() != 0 || !gcOutput.contains("Command executed")) {
            throw new IllegalStateException("jcmd " + jvm.pid() + " GC.run failed: " + gcOutput);
        }
        double bytes = 0;
        for (String line : http.get(managementUrl + "/metrics").body().lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                bytes += value;
                String pool = line.replaceAll(".*id=\"([^\"]*)\".*", "$1");
                detail.append(String.format(java.util.Locale.ROOT, "%s %.1f MB; ", pool, value / (1024 * 1024)));
            }
        }
        return bytes / (1024 * 1024);
    }

    private void awaitReady(long startedNanos, Path log) {
        long deadline = startedNanos + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.get(managementUrl + "/health/ready");
                if (health.statusCode() == 200) {
                    readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGTERM to kc.sh and the JVM, SIGKILL after 30 s. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception timedOut) {
                handle.destroyForcibly();
            }
        }
    }

    private static ProcessBuilder builder(
            Path home, List<String> arguments, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
