package dev.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

    /** CPU seconds per owner, summed over its processes. */
    record Usage(Map<Owner, Double> seconds) {

        static Usage none() {
            Map<Owner, Double> zero = new EnumMap<>(Owner.class);
            for (Owner owner : Owner.values()) {
                zero.put(owner, 0.0);
            }
            return new Usage(zero);
        }

        Usage minus(Usage earlier) {
            Map<Owner, Double> difference = new EnumMap<>(Owner.class);
            seconds.forEach((owner, value) -> difference.put(owner, value - earlier.seconds.get(owner)));
            return new Usage(difference);
        }

        Usage plus(Usage other) {
            Map<Owner, Double> sum = new EnumMap<>(Owner.class);
            seconds.forEach((owner, value) -> sum.put(owner, value + other.seconds.get(owner)));
            return new Usage(sum);
        }

        /** Milliseconds of CPU per operation, of one owner. */
        double millisPerOperation(Owner owner, long operations) {
            return operations == 0 ? 0 : seconds.get(owner) * 1000 / operations;
        }

        /** "keycloak 1.23 + postgres 0.12 + bench 0.40 = 1.75 ms CPU per op". */
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
            return line.append(String.format(Locale.ROOT, " = %.3f ms CPU per operation", total))
                    .toString();
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
