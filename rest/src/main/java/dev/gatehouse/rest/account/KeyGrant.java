package dev.gatehouse.rest.account;

import dev.gatehouse.support.RealmAttributes;
import dev.gatehouse.support.WindowedLimit;
import java.util.Arrays;
import java.util.Optional;
import org.keycloak.models.RealmModel;

/**
 * What an access token must carry to manage API keys (SPEC S4): the dedicated client scope
 * {@value #SCOPE}, which no client is granted by default, and an authentication no older than the
 * realm's {@value RealmAttributes#API_KEY_MAX_AUTH_AGE_SECONDS} (seconds, default {@value RealmAttributes#DEFAULT_API_KEY_MAX_AUTH_AGE_SECONDS}).
 * Plain Java: the decision is unit-tested without Keycloak.
 *
 * @param maxAgeSeconds how long ago the user may have authenticated
 */
record KeyGrant(int maxAgeSeconds) {

    static final String SCOPE = "gatehouse-api-keys";

    static KeyGrant of(RealmModel realm) {
        return new KeyGrant(WindowedLimit.positiveAttribute(
                realm,
                RealmAttributes.API_KEY_MAX_AUTH_AGE_SECONDS,
                RealmAttributes.DEFAULT_API_KEY_MAX_AUTH_AGE_SECONDS));
    }

    /**
     * Why a token may not manage keys, for the {@code error_description}; empty when it may.
     *
     * @param scopeClaim the token's {@code scope} claim
     * @param authTime its {@code auth_time} claim, epoch seconds, or {@code null}
     * @param nowSeconds the current time, epoch seconds
     */
    Optional<String> refusal(String scopeClaim, Long authTime, long nowSeconds) {
        boolean scoped =
                scopeClaim != null && Arrays.asList(scopeClaim.split(" ")).contains(SCOPE);
        if (!scoped) {
            return Optional.of("The access token must be requested with the scope " + SCOPE);
        }
        if (authTime == null || authTime <= 0) {
            return Optional.of("The access token does not say when the user authenticated");
        }
        if (nowSeconds - authTime > maxAgeSeconds) {
            return Optional.of("The user authenticated more than " + maxAgeSeconds
                    + " seconds ago; authenticate again (max_age=" + maxAgeSeconds + ")");
        }
        return Optional.empty();
    }
}
