package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Page;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC P4.2: an identifier resolves as a username first, then as an e-mail owned by exactly one
 * account. An address a parent shares with its sub-users resolves to nobody: the right password of
 * any of them gets the generic answer, and each logs in with its username.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("An e-mail address several accounts share does not resolve as an identifier (SPEC P4.2)")
class SharedAddressIT {

    private static final String GENERIC = "Invalid username or password.";

    private final GatehouseEnvironment env;
    private final LoginPages pages;
    private final StatusApi status;

    SharedAddressIT(GatehouseEnvironment env) {
        this.env = env;
        this.pages = new LoginPages(env);
        this.status = new StatusApi(env);
    }

    @Test
    @DisplayName("browser: the shared address with the parent's or a sub-user's right password gets the generic"
            + " message; their usernames log in; an address of one account alone logs in")
    void browser() {
        Family family = family("shared-browser");

        for (String password : new String[] {"parent-pass", "sub-pass"}) {
            Page byAddress = pages.login(env.browser(), family.address(), password);
            assertThat(byAddress.redirectParameter("code")).as(password).isEmpty();
            assertThat(LoginPages.inputError(byAddress)).as(password).isEqualTo(GENERIC);
        }
        assertThat(pages.login(env.browser(), family.parent(), "parent-pass").redirectParameter("code"))
                .isPresent();
        assertThat(pages.login(env.browser(), family.sub(), "sub-pass").redirectParameter("code"))
                .isPresent();
        assertThat(pages.login(env.browser(), family.ownAddress(), "own-pass").redirectParameter("code"))
                .as("control: an address one account owns resolves")
                .isPresent();
    }

    @Test
    @DisplayName("direct grant: the shared address with a right password answers as an unknown identifier")
    void directGrant() {
        Family family = family("shared-grant");
        HttpResponse<String> unknown = status.grant(Names.unique("nobody") + "@shared.test", "parent-pass", false);

        HttpResponse<String> byAddress = status.grant(family.address(), "parent-pass", false);

        assertThat(byAddress.statusCode()).isEqualTo(400).isEqualTo(unknown.statusCode());
        assertThat(byAddress.body()).isEqualTo(unknown.body()).contains("Invalid user credentials");
        assertThat(status.grant(family.parent(), "parent-pass", false).statusCode())
                .isEqualTo(200);
        assertThat(status.grant(family.ownAddress(), "own-pass", false).statusCode())
                .as("control: an address one account owns resolves")
                .isEqualTo(200);
    }

    /** A parent and a sub-user sharing one address, and an account with an address of its own. */
    private record Family(String parent, String sub, String address, String ownAddress) {}

    private Family family(String prefix) {
        String parent = Names.unique(prefix + "-parent");
        String address = parent + "@shared.test";
        UUID parentId = env.store()
                .account(parent)
                .email(address)
                .password("parent-pass")
                .create();
        String sub = Names.unique(prefix + "-sub");
        env.store()
                .account(sub)
                .email(address)
                .password("sub-pass")
                .parent(parentId)
                .create();
        String own = Names.unique(prefix + "-own");
        env.store().account(own).email(own + "@own.test").password("own-pass").create();
        return new Family(parent, sub, address, own + "@own.test");
    }
}
