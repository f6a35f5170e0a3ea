package dev.gatehouse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the load run saw, by kind of operation: successes (each kept with its times, to be judged
 * against the bans afterwards), refusals that a ban explains, and unexpected outcomes (5xx,
 * transport errors, refusals of accounts nobody banned, failed bans), a few of them kept as
 * examples.
 */
final class LoadTally {

    enum Kind {
        BROWSER_LOGIN,
        DIRECT_GRANT,
        REFRESH,
        API_KEY,
        BAN
    }

    /** A success: whose, when the request started and ended, and the token's {@code iat} (0: none). */
    record Success(Kind kind, UUID account, long startedMillis, long endedMillis, long issuedAtSeconds) {}

    private final List<Success> successes = Collections.synchronizedList(new ArrayList<>());
    private final Map<Kind, AtomicLong> refused = counters();
    private final Map<Kind, AtomicLong> unexpected = counters();
    private final Map<Kind, List<Long>> latencies = new EnumMap<>(Kind.class);
    private final List<String> examples = Collections.synchronizedList(new ArrayList<>());

    LoadTally() {
        for (Kind kind : Kind.values()) {
            latencies.put(kind, Collections.synchronizedList(new ArrayList<>()));
        }
    }

    void success(Success success) {
        successes.add(success);
        latencies.get(success.kind()).add(success.endedMillis() - success.startedMillis());
    }

    void refused(Kind kind) {
        refused.get(kind).incrementAndGet();
    }

    void unexpected(Kind kind, String what) {
        unexpected.get(kind).incrementAndGet();
        if (examples.size() < 10) {
            examples.add(kind + ": " + ThroughputPhases.abbreviate(what));
        }
    }

    List<Success> successes() {
        synchronized (successes) {
            return List.copyOf(successes);
        }
    }

    long refusalCount(Kind kind) {
        return refused.get(kind).get();
    }

    long unexpectedCount(Kind kind) {
        return unexpected.get(kind).get();
    }

    long unexpectedTotal() {
        return unexpected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Nearest-rank 99th percentile of the kind's successes, milliseconds. */
    long p99Millis(Kind kind) {
        List<Long> sorted;
        synchronized (latencies.get(kind)) {
            sorted = new ArrayList<>(latencies.get(kind));
        }
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(0.99 * sorted.size()) - 1));
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    private static Map<Kind, AtomicLong> counters() {
        Map<Kind, AtomicLong> counters = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counters.put(kind, new AtomicLong());
        }
        return counters;
    }
}
