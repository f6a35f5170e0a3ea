package dev.gatehouse.rest.legacy;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed API-key checks per realm and client IP, in memory (per server node, since the start).
 * For monitoring, the docs and the bench; there is deliberately no lockout: a 256-bit secret
 * cannot be guessed, and locking on failures would let anyone lock out a relay by sending
 * garbage under its username. Bounded: past {@link #MAX_ADDRESSES} distinct addresses per realm,
 * further ones are counted under {@link #OTHER}.
 */
public final class FailedChecks {

    static final int MAX_ADDRESSES = 10_000;
    static final String OTHER = "other";

    private static final FailedChecks INSTANCE = new FailedChecks();

    private final Map<String, Map<String, AtomicLong>> byRealm = new ConcurrentHashMap<>();

    public static FailedChecks instance() {
        return INSTANCE;
    }

    /** Counts one failure and returns the address's count so far. */
    long record(String realmId, String clientIp) {
        Map<String, AtomicLong> counts = byRealm.computeIfAbsent(realmId, id -> new ConcurrentHashMap<>());
        String key = clientIp == null ? OTHER : clientIp;
        AtomicLong count = counts.get(key);
        if (count == null) {
            key = counts.size() >= MAX_ADDRESSES ? OTHER : key;
            count = counts.computeIfAbsent(key, k -> new AtomicLong());
        }
        return count.incrementAndGet();
    }

    /** The counts of one realm, by address, sorted. */
    public Map<String, Long> snapshot(String realmId) {
        Map<String, Long> snapshot = new TreeMap<>();
        byRealm.getOrDefault(realmId, Map.of()).forEach((ip, count) -> snapshot.put(ip, count.get()));
        return snapshot;
    }

    public long total(String realmId) {
        return snapshot(realmId).values().stream().mapToLong(Long::longValue).sum();
    }
}
