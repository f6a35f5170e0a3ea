package dev.gatehouse.it;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique usernames, so that every test arranges accounts of its own on the shared server. */
public final class Names {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private Names() {}

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }
}
