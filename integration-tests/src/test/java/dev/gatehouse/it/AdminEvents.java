package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import java.time.Duration;

/** The product realm's login events as its admins read them, and the pause tests take before counting. */
final class AdminEvents {

    private AdminEvents() {}

    /** Events of any of {@code types} (the newest 1,000 of each) whose detail {@code detail} is {@code value}. */
    static int count(GatehouseEnvironment env, String detail, String value, String... types) {
        int count = 0;
        for (String type : types) {
            for (JsonNode event : env.admin().json("gatehouse/events?type=" + type + "&max=1000")) {
                if (value.equals(event.at("/details/" + detail).asText())) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Waits, so that what a request sends off its thread (mail, events) has happened before a count of "none". */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
