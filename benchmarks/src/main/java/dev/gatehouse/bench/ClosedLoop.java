package dev.gatehouse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-model load: a fixed number of clients, each sending its next request only when the
 * previous one answered, for a fixed time. Throughput is what the server sustains at that
 * concurrency; a slower server gets fewer requests, not a queue.
 */
final class ClosedLoop {

    /** One request (or one login of several requests); false or an exception is an error. */
    @FunctionalInterface
    interface Operation {
        boolean call(ThreadLocalRandom random) throws Exception;
    }

    private ClosedLoop() {}

    static Sample run(Operation operation, int clients, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        List<String> examples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long begin = System.nanoTime();
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> loop(operation, deadline, errors, examples)));
            }
            List<long[]> latencies = new ArrayList<>();
            for (Future<long[]> worker : workers) {
                latencies.add(worker.get());
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            return Sample.of(errors.get(), seconds, concat(latencies), List.copyOf(examples));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] loop(Operation operation, long deadline, AtomicLong errors, List<String> examples) {
        long[] latencies = new long[1024];
        int count = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            long started = System.nanoTime();
            boolean ok;
            String problem = "operation answered false";
            try {
                ok = operation.call(random);
            } catch (Exception | AssertionError e) {
                // AssertionError: the harness's page objects report a missing form that way.
                ok = false;
                problem = ThroughputPhases.abbreviate(e.toString());
            }
            if (ok) {
                if (count == latencies.length) {
                    latencies = java.util.Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = System.nanoTime() - started;
            } else {
                errors.incrementAndGet();
                if (examples.size() < 5) {
                    examples.add(problem);
                }
            }
        }
        return java.util.Arrays.copyOf(latencies, count);
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
