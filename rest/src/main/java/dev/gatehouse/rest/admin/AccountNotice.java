package dev.gatehouse.rest.admin;

import dev.gatehouse.federation.AccountAttributes;
import dev.gatehouse.support.MailQueue;
import dev.gatehouse.support.RealmUrls;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An e-mail that an admin action sends to the account it acted on, in the {@code gatehouse} e-mail
 * theme, with the account's username and a link to the troubleshooting page's section:
 * <ul>
 *   <li>{@link #ban}: to the account the ban was called on, with how many of its sub-users went
 *       with it (SPEC P7). Sub-users get none of their own: they usually share the owner's address,
 *       and the owner is the one who can discuss the ban.
 *   <li>{@link #secondFactorRemoved}: what support's removal did and what the next login does
 *       (SPEC P9.4).
 * </ul>
 */
final class AccountNotice {

    private final String template;
    private final String subject;
    private final String section;
    private final boolean highlighted;

    /** {@code highlighted}: the link also carries {@code ?reason=}, which marks the section on the page. */
    private AccountNotice(String template, String subject, String section, boolean highlighted) {
        this.template = template;
        this.subject = subject;
        this.section = section;
        this.highlighted = highlighted;
    }

    private static final AccountNotice BAN =
            new AccountNotice("gatehouse-ban-notice.ftl", "gatehouse.banNoticeSubject", "account-banned", false);
    private static final AccountNotice SECOND_FACTOR_REMOVED = new AccountNotice(
            "gatehouse-second-factor-removed.ftl", "gatehouse.secondFactorRemovedSubject", "lost-second-factor", true);

    static void ban(KeycloakSession session, RealmModel realm, UserModel account, int subUsers) {
        BAN.send(session, realm, account, Map.of("subUsers", subUsers));
    }

    static void secondFactorRemoved(KeycloakSession session, RealmModel realm, UserModel account) {
        SECOND_FACTOR_REMOVED.send(session, realm, account, Map.of());
    }

    /** Sends the notice; a failed send is logged, since the action itself has committed. */
    private void send(KeycloakSession session, RealmModel realm, UserModel account, Map<String, Object> extra) {
        if (account.getEmail() == null) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>(extra);
        attributes.put("username", account.getFirstAttribute(AccountAttributes.USERNAME));
        attributes.put("troubleshootingUrl", troubleshootingUrl(session, realm));
        MailQueue.sendNow(
                session,
                realm,
                account,
                template + " to account " + account.getId(),
                subject,
                List.of(),
                template,
                attributes);
    }

    private String troubleshootingUrl(KeycloakSession session, RealmModel realm) {
        jakarta.ws.rs.core.UriBuilder url = RealmUrls.troubleshooting(session, realm);
        if (highlighted) {
            url.queryParam("reason", section);
        }
        return url.fragment(section).build().toString();
    }
}
