package dev.gatehouse.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Random accounts, each in use by one client at a time, as one person uses an account. Keycloak's
 * brute-force protection refuses a login while another login of the same user is in progress
 * ("concurrent login requests are blocked by default when brute force is enabled"), which the
 * product realm enables; two bench clients on one account would measure that guard instead.
 */
final class Exclusive<T> {

    private final int size;
    private final IntFunction<T> account;
    private final Set<Integer> inUse = ConcurrentHashMap.newKeySet();

    /** Accounts {@code 0} to {@code size - 1}, for {@code clients} clients at once. */
    Exclusive(int size, int clients, IntFunction<T> account) {
        if (size < 2 * clients) {
            throw new IllegalArgumentException(
                    size + " accounts for " + clients + " clients: give at least twice as many accounts");
        }
        this.size = size;
        this.account = account;
    }

    /** What a client does with the account it holds meanwhile. */
    @FunctionalInterface
    interface Use<T> {
        boolean with(T account) throws Exception;
    }

    boolean use(ThreadLocalRandom random, Use<T> use) throws Exception {
        int index = random.nextInt(size);
        while (!inUse.add(index)) {
            index = random.nextInt(size);
        }
        try {
            return use.with(account.apply(index));
        } finally {
            inUse.remove(index);
        }
    }
}
