package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.BrowserClient;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signup does the same work whatever its address and username (SPEC P2.6, S1): the same reads,
 * and one row written to the store in the request's transaction — a free address's pending signup,
 * or a refused signup's {@code signup_attempt} — so that the commit costs the same too. Before the
 * attempt row, a free address paid for a store write and a two-database commit that a taken one did
 * not: the bench's enumeration phase measured it (free 76.0 vs taken 68.8 ms).
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("A signup runs the same statements whatever its address and username")
class SignupWorkIT {

    /** A two-phase commit's transaction id, and whether a constant shows as itself or as a placeholder, vary. */
    private static final Pattern VARIES = Pattern.compile("'[^']*'$|\\$\\d+|\\b\\d+\\b");

    /** The one row a signup writes: which table it goes to is what the stopwatch must not see. */
    private static final Pattern SIGNUP_ROW = Pattern.compile("^INSERT INTO (pending_signup|signup_attempt)\\b.*");

    private static final String SIGNUP_ROW_NAME = "INSERT INTO <signup row>";

    private final GatehouseEnvironment env;
    private final Signups signups;

    SignupWorkIT(GatehouseEnvironment env) {
        this.env = env;
        this.signups = new Signups(env);
    }

    @Test
    @DisplayName("a taken, a reserved and a banned address and a taken username cost what a free signup costs")
    void refusedCostWhatFreeCosts() {
        String owner = Names.unique("swork-owner");
        String taken = owner + "@it.test";
        env.store().account(owner).email(taken).password("work-pass").create();
        String reserved = Names.unique("swork-pending") + "@it.test";
        signups.signUp(Names.unique("swork-pending"), reserved, "Pending-pass-1");
        String banned = Names.unique("swork-banned") + "@it.test";
        env.store().banEmail(banned, "abuse");
        // The first requests after start read caches in; they are not what is compared.
        String warmOwner = Names.unique("swork-warm");
        env.store()
                .account(warmOwner)
                .email(warmOwner + "@it.test")
                .password("work-pass")
                .create();
        signUp(Names.unique("swork-warm"), Names.unique("swork-warm") + "@it.test");
        signUp(Names.unique("swork-warm"), warmOwner + "@it.test");

        assertSameWork("taken address", Names.unique("swork"), taken);
        assertSameWork("reserved address", Names.unique("swork"), reserved);
        assertSameWork("banned address", Names.unique("swork"), banned);
        assertSameWork("taken username", owner, Names.unique("swork-free") + "@it.test");

        assertThat(env.store().refusedSignups(taken)).contains("address_in_use");
        assertThat(env.store().refusedSignups(banned)).isNotEmpty().containsOnly("address_banned");
    }

    /** Three signups per address (at most) stay within the per-address limit. */
    private void assertSameWork(String what, String username, String email) {
        StatementWork refused = StatementWork.assertSame(
                "a signup with a " + what + " and a free one",
                () -> signUp(username, email),
                () -> signUp(Names.unique("swork-free"), Names.unique("swork-free") + "@it.test"));
        assertThat(refused.store())
                .as("the store's statements of a signup with a %s", what)
                .containsEntry(SIGNUP_ROW_NAME, 1L);
    }

    /** The statements of one signup, with its one row written named alike whichever table it goes to. */
    private StatementWork signUp(String username, String email) {
        BrowserClient browser = env.browser().from(BrowserClient.randomIp());
        Page form = signups.open(browser);
        StatementWork.reset(env);
        Page answer = browser.submit(form.form(Signups.FORM)
                .fill("username", username)
                .fill("email", email)
                .fill("password", "Work-pass-1")
                .fill("password-confirm", "Work-pass-1"));
        StatementWork work = StatementWork.read(
                env,
                sql -> SIGNUP_ROW.matcher(sql).matches()
                        ? SIGNUP_ROW_NAME
                        : VARIES.matcher(sql).replaceAll("?"));
        assertThat(answer.text()).as(answer.body()).contains(Signups.SENT);
        return work;
    }
}
