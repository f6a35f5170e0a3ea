package dev.gatehouse.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What a measured stretch of closed-model load produced: successful operations, failed ones,
 * the wall time, and the latency of every success (nanoseconds, sorted).
 */
record Sample(long ok, long errors, double seconds, long[] latencies, List<String> errorExamples) {

    static Sample of(long errors, double seconds, long[] latencies, List<String> errorExamples) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Sample(sorted.length, errors, seconds, sorted, errorExamples);
    }

    /** Samples of the same operation taken in several slices, as one. */
    Sample plus(Sample other) {
        long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
        System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
        List<String> examples = errorExamples.size() >= 5
                ? errorExamples
                : java.util.stream.Stream.concat(errorExamples.stream(), other.errorExamples.stream())
                        .limit(5)
                        .toList();
        return of(errors + other.errors, seconds + other.seconds, all, examples);
    }

    double perSecond() {
        return seconds == 0 ? 0 : ok / seconds;
    }

    /** Nearest-rank percentile, in milliseconds; 0 without successes. */
    double percentileMillis(double percentile) {
        if (latencies.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * latencies.length);
        return latencies[Math.max(0, Math.min(latencies.length, rank) - 1)] / 1e6;
    }
}
