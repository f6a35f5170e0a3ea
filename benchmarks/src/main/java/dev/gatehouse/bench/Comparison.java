package dev.gatehouse.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Two operations measured side by side at the same concurrency on the same server: both warmed
 * up (discarded), then the measured time split into rounds that alternate which side goes first
 * (A B, B A, …), so that drift on a shared machine hits both sides alike. Each slice starts once
 * Keycloak and PostgreSQL are idle, so that work one side leaves behind is not measured as the
 * next side's; each side's CPU time per operation, per process, is printed with its figures.
 */
final class Comparison {

    /**
     * The longest wait for a quiet server before each measured slice: what one side left to do in
     * the background is not billed to the side measured next (see {@link ProcessCpu#quiesce}).
     */
    private static final Duration QUIESCE_LIMIT = Duration.ofSeconds(15);

    private final BenchConfig config;
    private final PrintStream out;

    Comparison(BenchConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Each side's merged sample, and the CPU time its measured rounds used, per process. */
    record Outcome(Sample a, Sample b, ProcessCpu.Usage cpuA, ProcessCpu.Usage cpuB) {
        double ratio() {
            return b.perSecond() == 0 ? 0 : a.perSecond() / b.perSecond();
        }
    }

    Outcome run(String name, ClosedLoop.Operation a, ClosedLoop.Operation b) {
        return run(name, a, () -> {}, b, () -> {});
    }

    /** The same, {@code beforeA} and {@code beforeB} run each time before that side's load starts. */
    Outcome run(String name, ClosedLoop.Operation a, Runnable beforeA, ClosedLoop.Operation b, Runnable beforeB) {
        out.printf("  %s: warm-up %d s per side ...%n", name, config.warmUp().toSeconds());
        beforeA.run();
        ClosedLoop.run(a, config.concurrency(), config.warmUp());
        beforeB.run();
        ClosedLoop.run(b, config.concurrency(), config.warmUp());
        int rounds = Math.max(1, config.rounds());
        Duration slice = config.measured().dividedBy(rounds);
        Sample sampleA = null;
        Sample sampleB = null;
        ProcessCpu.Usage cpuA = ProcessCpu.Usage.none();
        ProcessCpu.Usage cpuB = ProcessCpu.Usage.none();
        for (int round = 0; round < rounds; round++) {
            boolean aFirst = round % 2 == 0;
            (aFirst ? beforeA : beforeB).run();
            ProcessCpu.quiesce(QUIESCE_LIMIT);
            ProcessCpu.Usage start = ProcessCpu.now();
            Sample first = ClosedLoop.run(aFirst ? a : b, config.concurrency(), slice);
            ProcessCpu.Usage firstCpu = ProcessCpu.now().minus(start);
            (aFirst ? beforeB : beforeA).run();
            ProcessCpu.quiesce(QUIESCE_LIMIT);
            start = ProcessCpu.now();
            Sample second = ClosedLoop.run(aFirst ? b : a, config.concurrency(), slice);
            ProcessCpu.Usage secondCpu = ProcessCpu.now().minus(start);
            cpuA = cpuA.plus(aFirst ? firstCpu : secondCpu);
            cpuB = cpuB.plus(aFirst ? secondCpu : firstCpu);
            Sample roundA = aFirst ? first : second;
            Sample roundB = aFirst ? second : first;
            out.printf("  %s round %d: %.1f/s vs %.1f/s%n", name, round + 1, roundA.perSecond(), roundB.perSecond());
            sampleA = sampleA == null ? roundA : sampleA.plus(roundA);
            sampleB = sampleB == null ? roundB : sampleB.plus(roundB);
        }
        report(name + " A", sampleA);
        report(name + " B", sampleB);
        out.printf("  %s A: %s%n", name, cpuA.perOperation(sampleA.ok()));
        out.printf("  %s B: %s%n", name, cpuB.perOperation(sampleB.ok()));
        return new Outcome(sampleA, sampleB, cpuA, cpuB);
    }

    /**
     * Several operations side by side, as {@link #run(String, ClosedLoop.Operation, ClosedLoop.Operation)}
     * two: each warmed up, then rounds in which the sides take turns, each round starting one side
     * later (A B C, B C A, C A B, …). Returns each side's merged sample, in the order given.
     */
    List<Sample> runAll(String name, List<String> labels, List<ClosedLoop.Operation> sides) {
        out.printf("  %s: warm-up %d s per side ...%n", name, config.warmUp().toSeconds());
        sides.forEach(side -> ClosedLoop.run(side, config.concurrency(), config.warmUp()));
        int rounds = Math.max(1, config.rounds());
        Duration slice = config.measured().dividedBy(rounds);
        List<Sample> merged = new ArrayList<>(Collections.nCopies(sides.size(), (Sample) null));
        List<ProcessCpu.Usage> cpu = new ArrayList<>(Collections.nCopies(sides.size(), ProcessCpu.Usage.none()));
        for (int round = 0; round < rounds; round++) {
            Sample[] thisRound = new Sample[sides.size()];
            for (int turn = 0; turn < sides.size(); turn++) {
                int index = (round + turn) % sides.size();
                ProcessCpu.quiesce(QUIESCE_LIMIT);
                ProcessCpu.Usage start = ProcessCpu.now();
                thisRound[index] = ClosedLoop.run(sides.get(index), config.concurrency(), slice);
                cpu.set(index, cpu.get(index).plus(ProcessCpu.now().minus(start)));
            }
            StringBuilder line = new StringBuilder("  " + name + " round " + (round + 1) + ":");
            for (int index = 0; index < sides.size(); index++) {
                line.append(String.format(Locale.ROOT, " %s %.1f/s", labels.get(index), thisRound[index].perSecond()));
                Sample before = merged.get(index);
                merged.set(index, before == null ? thisRound[index] : before.plus(thisRound[index]));
            }
            out.println(line);
        }
        for (int index = 0; index < sides.size(); index++) {
            report(name + " " + labels.get(index), merged.get(index));
            out.printf(
                    "  %s %s: %s%n",
                    name,
                    labels.get(index),
                    cpu.get(index).perOperation(merged.get(index).ok()));
        }
        return merged;
    }

    private void report(String name, Sample sample) {
        if (sample.errors() > 0) {
            out.printf("  %s: %d errors, e.g. %s%n", name, sample.errors(), sample.errorExamples());
        }
    }

    /**
     * The same, with {@code <prefix>_cpu_ms}: the CPU milliseconds one operation cost all processes
     * together, split per process in its note.
     */
    static void record(Results results, String prefix, Sample sample, ProcessCpu.Usage cpu, String unit) {
        record(results, prefix, sample, unit);
        double total = 0;
        for (ProcessCpu.Owner owner : ProcessCpu.Owner.values()) {
            total += cpu.millisPerOperation(owner, sample.ok());
        }
        results.put(prefix + "_cpu_ms", total, "ms", cpu.perOperation(sample.ok()));
    }

    /** {@code <prefix>_per_s}, {@code _p50_ms}, {@code _p99_ms} and {@code _errors} of one side. */
    static void record(Results results, String prefix, Sample sample, String unit) {
        results.put(prefix + "_per_s", sample.perSecond(), unit + "/s");
        results.put(prefix + "_p50_ms", sample.percentileMillis(50), "ms");
        results.put(prefix + "_p99_ms", sample.percentileMillis(99), "ms");
        results.put(prefix + "_errors", sample.errors(), "count");
    }
}
