package dev.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time spent by the processes a measurement runs on, read from Linux's {@code /proc}: the
 * Keycloak server's JVM, PostgreSQL's processes (both databases are on one server) and this bench
 * JVM, the load's client. On a machine where all three share the cores, what an operation costs each
 * of them says where a throughput ratio comes from, and which part of it is Gatehouse's. Elsewhere
 * than Linux every figure is zero.
 */
final class ProcessCpu {

    /** Whose CPU time a process's is. */
    enum Owner {
        KEYCLOAK,
        POSTGRES,
        BENCH
    }

    /**
     * CPU seconds per owner, summed over its processes, and Keycloak's split by what its threads do
     * ({@link #threadGroup}: request workers, the HTTP event loop, the JIT, the garbage collector,
     * everything else).
     */
    record Usage(Map<Owner, Double> seconds, Map<String, Double> keycloakThreads) {

        static Usage none() {
            Map<Owner, Double> zero = new EnumMap<>(Owner.class);
            for (Owner owner : Owner.values()) {
                zero.put(owner, 0.0);
            }
            return new Usage(zero, new TreeMap<>());
        }

        Usage minus(Usage earlier) {
            return combine(earlier, -1);
        }

        Usage plus(Usage other) {
            return combine(other, 1);
        }

        private Usage combine(Usage other, int sign) {
            Map<Owner, Double> owners = new EnumMap<>(Owner.class);
            seconds.forEach((owner, value) -> owners.put(owner, value + sign * other.seconds.get(owner)));
            Map<String, Double> threads = new TreeMap<>(keycloakThreads);
            other.keycloakThreads.forEach((group, value) -> threads.merge(group, sign * value, Double::sum));
            return new Usage(owners, threads);
        }

        /** Milliseconds of CPU per operation, of one owner. */
        double millisPerOperation(Owner owner, long operations) {
            return operations == 0 ? 0 : seconds.get(owner) * 1000 / operations;
        }

        /** "keycloak 1.23 + postgres 0.12 + bench 0.40 = 1.75 ms CPU per operation (keycloak: gc 0.10, …)". */
        String perOperation(long operations) {
            double total = 0;
            StringBuilder line = new StringBuilder();
            for (Owner owner : Owner.values()) {
                double millis = millisPerOperation(owner, operations);
                total += millis;
                line.append(line.length() == 0 ? "" : " + ")
                        .append(owner.name().toLowerCase(Locale.ROOT))
                        .append(String.format(Locale.ROOT, " %.3f", millis));
            }
            line.append(String.format(Locale.ROOT, " = %.3f ms CPU per operation", total));
            if (operations > 0 && !keycloakThreads.isEmpty()) {
                line.append(keycloakThreads.entrySet().stream()
                        .map(group -> String.format(
                                Locale.ROOT, "%s %.3f", group.getKey(), group.getValue() * 1000 / operations))
                        .collect(Collectors.joining(", ", " (keycloak: ", ")")));
            }
            return line.toString();
        }
    }

    private static final double TICKS_PER_SECOND = 100.0;
    private static final Duration QUIET_WINDOW = Duration.ofMillis(250);
    private static final double QUIET_CORES = 0.1;
    private static final long SELF = ProcessHandle.current().pid();

    private ProcessCpu() {}

    /** The CPU time every owner has used so far. */
    static Usage now() {
        Usage usage = Usage.none();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return usage;
        }
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Owner owner = owner(Long.parseLong(name), entry);
                if (owner != null) {
                    usage.seconds().merge(owner, ticks(entry) / TICKS_PER_SECOND, Double::sum);
                }
                if (owner == Owner.KEYCLOAK) {
                    addThreads(entry, usage.keycloakThreads());
                }
            }
        } catch (IOException | RuntimeException e) {
            // A process that ended while it was read: the next reading counts without it.
        }
        return usage;
    }

    /**
     * Waits until Keycloak and PostgreSQL have been all but idle (under a tenth of a core) for a
     * quarter of a second, at most {@code limit}: work a side left behind (Keycloak's batched
     * session writes, PostgreSQL's vacuum) then ends before the next side's measurement starts,
     * rather than slowing it down. Returns how long it waited.
     */
    static Duration quiesce(Duration limit) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        Usage before = now();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET_WINDOW.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Usage after = now();
            Usage used = after.minus(before);
            double busy = used.seconds().get(Owner.KEYCLOAK) + used.seconds().get(Owner.POSTGRES);
            if (busy < QUIET_WINDOW.toMillis() / 1000.0 * QUIET_CORES) {
                break;
            }
            before = after;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Each of the process's threads' CPU time, added to its group's. */
    private static void addThreads(Path process, Map<String, Double> groups) {
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                groups.merge(
                        threadGroup(read(task.resolve("comm")).strip()), ticks(task) / TICKS_PER_SECOND, Double::sum);
            }
        } catch (IOException | RuntimeException e) {
            // The process ended while it was read.
        }
    }

    /** What a JVM thread of that (Linux, 15-character) name does. */
    static String threadGroup(String name) {
        if (name.startsWith("executor-thread")) {
            return "workers";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "eventloop";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }

    private static Owner owner(long pid, Path entry) {
        if (pid == SELF) {
            return Owner.BENCH;
        }
        String command = read(entry.resolve("cmdline")).replace('\0', ' ');
        if (command.contains("io.quarkus.bootstrap.runner.QuarkusEntryPoint") || command.contains("quarkus-run.jar")) {
            return Owner.KEYCLOAK;
        }
        return read(entry.resolve("comm")).strip().equals("postgres") ? Owner.POSTGRES : null;
    }

    /** utime + stime of {@code /proc/<pid>/stat}, fields 14 and 15 (after the command's parentheses). */
    private static long ticks(Path entry) {
        String stat = read(entry.resolve("stat"));
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        String[] fields = stat.substring(end + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
