package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The statements one request ran, per database (Keycloak's and the account store's), counted by
 * {@code pg_stat_statements}: what a stopwatch can tell apart, where two requests must not differ
 * (SPEC S1). Statements that Keycloak's timers and Gatehouse's jobs run whatever the requests are
 * left out.
 *
 * @param keycloak statement text to calls, in Keycloak's database
 * @param store statement text to calls, in the account store
 */
record StatementWork(Map<String, Long> keycloak, Map<String, Long> store) {

    private static final Pattern TIMER_STATEMENT = Pattern.compile(
            "billing_job_run|revocation_pending|expires_at <= now\\(\\)|current_date", Pattern.CASE_INSENSITIVE);

    /** Starts counting: call it just before the request whose work is read. */
    static void reset(GatehouseEnvironment env) {
        env.keycloakStatements().reset();
        env.storeStatements().reset();
    }

    /** What ran since {@link #reset}, each statement's text as it is. */
    static StatementWork read(GatehouseEnvironment env) {
        return read(env, UnaryOperator.identity());
    }

    /**
     * What ran since {@link #reset}, each statement counted under {@code compared(text)}, so that
     * several can count as one; the timers' statements are recognised by that text.
     */
    static StatementWork read(GatehouseEnvironment env, UnaryOperator<String> compared) {
        return new StatementWork(
                own(env.keycloakStatements().byText(), compared),
                own(env.storeStatements().byText(), compared));
    }

    /**
     * Asserts that two requests ran the same statements, and returns what the first ran. Timers may
     * run beside one measurement, never beside all: what differs three times in a row is the
     * requests' own.
     */
    static StatementWork assertSame(String what, Supplier<StatementWork> first, Supplier<StatementWork> second) {
        StatementWork firstWork = null;
        StatementWork secondWork = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            firstWork = first.get();
            secondWork = second.get();
            if (firstWork.equals(secondWork)) {
                break;
            }
            System.out.printf(
                    "gatehouse.statement_work %s, attempt %d differed: %s%n  vs %s%n",
                    what, attempt, firstWork, secondWork);
        }
        System.out.printf("gatehouse.statement_work %s: %s%n", what, firstWork);
        assertThat(firstWork).as("statements of %s", what).isEqualTo(secondWork);
        return firstWork;
    }

    private static Map<String, Long> own(Map<String, Long> statements, UnaryOperator<String> compared) {
        Map<String, Long> own = new TreeMap<>();
        statements.forEach((sql, calls) -> {
            String key = compared.apply(sql);
            if (!TIMER_STATEMENT.matcher(key).find()) {
                own.merge(key, calls, Long::sum);
            }
        });
        return own;
    }
}
