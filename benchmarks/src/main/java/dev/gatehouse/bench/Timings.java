package dev.gatehouse.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies of one side of an enumeration pair (milliseconds), with the figures the phase compares:
 * the median, the relative gap between two medians, and the two-sided p-value of a Mann-Whitney U
 * test (normal approximation with tie and continuity correction, as {@code scipy.stats.mannwhitneyu}
 * computes it with {@code method="asymptotic"}), which needs no assumption about the shape of the
 * distributions (latencies are skewed).
 */
final class Timings {

    private final double[] millis;

    Timings(double[] millis) {
        this.millis = millis.clone();
        Arrays.sort(this.millis);
    }

    int size() {
        return millis.length;
    }

    double median() {
        int n = millis.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2;
    }

    /** How much longer the slower median is than the faster one, in percent of the faster. */
    static double gapPercent(double medianA, double medianB) {
        double low = Math.min(medianA, medianB);
        return low <= 0 ? Double.NaN : Math.abs(medianA - medianB) / low * 100;
    }

    /** The two-sided p-value that both samples come from one distribution; NaN when one is empty. */
    static double mannWhitneyP(Timings a, Timings b) {
        int n1 = a.millis.length;
        int n2 = b.millis.length;
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        int n = n1 + n2;
        double[] all = new double[n];
        boolean[] fromA = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            all[i] = i < n1 ? a.millis[i] : b.millis[i - n1];
            fromA[i] = i < n1;
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(all[x], all[y]));
        double rankSumA = 0;
        double ties = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && all[order[end + 1]] == all[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) {
                if (fromA[order[i]]) {
                    rankSumA += rank;
                }
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * (1 - normalCdf(z)));
    }

    /** The standard normal distribution function. */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Coefficients of Numerical Recipes' {@code erfcc}, lowest order first. */
    private static final double[] ERFC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    /** The complementary error function, fractional error below 1.2e-7 everywhere. */
    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double polynomial = 0;
        for (int i = ERFC.length - 1; i >= 0; i--) {
            polynomial = polynomial * t + ERFC[i];
        }
        double y = t * Math.exp(-x * x + polynomial);
        return x >= 0 ? y : 2 - y;
    }

    /** {@code p = 0.130}, or {@code p < 0.001} below what three decimals show. */
    static String pValue(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.1f ms", value);
    }
}
