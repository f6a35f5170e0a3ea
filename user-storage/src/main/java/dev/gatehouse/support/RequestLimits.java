package dev.gatehouse.support;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The limits of one path that sends e-mail or costs a password hash (SPEC S3): requests per
 * target (an address, an identifier, a team) and per client IP in a fixed window, cluster-wide
 * ({@link WindowedLimit}). A refused request stores nothing. Realm attributes
 * {@code <prefix>Limit} (per target), {@code <prefix>IpLimit} (per client IP) and
 * {@code <prefix>WindowSeconds} set them; each path names its prefix and defaults.
 */
public final class RequestLimits {

    /** A path's attribute prefix and default limits. */
    public record Defaults(String prefix, int perTarget, int perIp, int windowSeconds) {

        public String targetAttribute() {
            return prefix + "Limit";
        }

        public String ipAttribute() {
            return prefix + "IpLimit";
        }

        public String windowAttribute() {
            return prefix + "WindowSeconds";
        }
    }

    private final String counterPrefix;
    private final WindowedLimit perTarget;
    private final WindowedLimit perIp;

    public RequestLimits(KeycloakSession session, RealmModel realm, Defaults defaults) {
        int window = WindowedLimit.positiveAttribute(realm, defaults.windowAttribute(), defaults.windowSeconds());
        this.counterPrefix = defaults.prefix() + ":" + realm.getId() + ":";
        this.perTarget = new WindowedLimit(
                session,
                WindowedLimit.positiveAttribute(realm, defaults.targetAttribute(), defaults.perTarget()),
                window);
        this.perIp = new WindowedLimit(
                session, WindowedLimit.positiveAttribute(realm, defaults.ipAttribute(), defaults.perIp()), window);
    }

    /**
     * Counts one request for the client IP and for the target (none when {@code targetKey} is
     * null); false, counting nothing, once either had its requests in this window.
     */
    public boolean allow(String targetKey, String clientIp) {
        List<WindowedLimit.Use> uses = new ArrayList<>(2);
        uses.add(new WindowedLimit.Use(perIp, counterPrefix + "i:" + clientIp));
        if (targetKey != null) {
            uses.add(new WindowedLimit.Use(perTarget, counterPrefix + "t:" + targetKey));
        }
        return WindowedLimit.takeAll(uses.toArray(WindowedLimit.Use[]::new));
    }

    /** The client IP of the session's request, as Keycloak's proxy settings resolve it. */
    public static String clientIp(KeycloakSession session) {
        return session.getContext().getConnection().getRemoteAddr();
    }
}
