package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run, in the order they were measured: written to {@code results.json} as
 * {@code {"name": {"value": …, "unit": "…"}}} after every phase (a skipped figure has
 * {@code "value": null} and a {@code "skipped"} reason; a {@code "note"} says where a figure came
 * from), and printed as a table with the goals of issues 9, 15 and 20.
 */
final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Path file;

    Results(Path directory) {
        this.file = directory.resolve("results.json");
    }

    Path file() {
        return file;
    }

    /** A figure; {@code skipped} is null for a measured one, {@code note} null without one. */
    record Metric(String name, Double value, String unit, String skipped, String note) {}

    synchronized void put(String name, double value, String unit) {
        put(name, value, unit, null);
    }

    /** A measured figure with a note printed beside it (where the figure came from, say). */
    synchronized void put(String name, double value, String unit, String note) {
        metrics.put(name, new Metric(name, value, unit, null, note));
    }

    /** A measured figure, or null when it was not measured (yet). */
    synchronized Metric get(String name) {
        Metric metric = metrics.get(name);
        return metric == null || metric.value() == null ? null : metric;
    }

    synchronized void skip(String name, String unit, String reason) {
        metrics.put(name, new Metric(name, null, unit, reason, null));
    }

    /** Marks every figure of a phase that has no value yet as skipped. */
    synchronized void skipMissing(Collection<String> names, String unit, String reason) {
        names.stream().filter(name -> !metrics.containsKey(name)).forEach(name -> skip(name, unit, reason));
    }

    synchronized void write() {
        ObjectNode root = JSON.createObjectNode();
        metrics.values().forEach(metric -> {
            ObjectNode node = root.putObject(metric.name());
            if (metric.value() == null) {
                node.putNull("value");
            } else {
                node.put("value", metric.value());
            }
            node.put("unit", metric.unit());
            if (metric.skipped() != null) {
                node.put("skipped", metric.skipped());
            }
            if (metric.note() != null) {
                node.put("note", metric.note());
            }
        });
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void print(PrintStream out) {
        String format = "%-46s %14s  %-10s %-12s %s%n";
        out.printf(format, "metric", "value", "unit", "goal", "");
        metrics.values().forEach(metric -> {
            Goals.Goal goal = Goals.of(metric.name());
            String verdict = metric.value() == null
                    ? "skipped: " + metric.skipped()
                    : goal == null ? "" : goal.met(metric.value()) ? "meets goal" : "misses goal";
            out.printf(
                    format,
                    metric.name(),
                    metric.value() == null ? "-" : number(metric.value()),
                    metric.unit(),
                    goal == null ? "" : goal.toString(),
                    metric.note() == null ? verdict : (verdict.isEmpty() ? "" : verdict + "; ") + metric.note());
        });
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.3f" : "%.1f", value);
    }
}
