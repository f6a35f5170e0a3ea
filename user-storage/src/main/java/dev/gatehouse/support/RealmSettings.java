package dev.gatehouse.support;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;
import org.keycloak.storage.UserStorageProvider;

/**
 * A realm's Gatehouse settings, read in one place (issue 18): the {@code gatehouse-accounts}
 * component's configuration, which the admin console renders and {@code validateConfiguration}
 * checks, under the key {@link #key} derives from the former realm attribute's name
 * ({@code gatehouseCentralIdp} → {@code centralIdp}). A realm attribute still counts when the
 * component does not set the value, for one release, and says so in the log once per realm.
 */
public final class RealmSettings {

    public static final String MATCH_LOCAL_USER_TIMING = "matchLocalUserTiming";

    private static final Logger LOG = Logger.getLogger(RealmSettings.class);
    private static final String PREFIX = "gatehouse";
    /** The store's provider id ({@code AccountsStorageProviderFactory.PROVIDER_ID}; this package sits below it). */
    private static final String STORE_PROVIDER = "gatehouse-accounts";

    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private RealmSettings() {}

    /** The setting formerly held by the realm attribute {@code attribute}; null when neither place sets it. */
    public static String get(RealmModel realm, String attribute) {
        String fromComponent = component(realm)
                .map(component -> value(component, key(attribute)))
                .orElse(null);
        if (fromComponent != null) {
            return fromComponent;
        }
        String fromAttribute = realm.getAttribute(attribute);
        if (fromAttribute != null && LOGGED.add(realm.getId() + "/" + attribute)) {
            LOG.infof(
                    "Realm %s: Gatehouse reads %s from the realm attribute %s; set it as '%s' on the gatehouse-accounts "
                            + "user federation instead (realm attributes are read for one more release)",
                    realm.getName(), key(attribute), attribute, key(attribute));
        }
        return fromAttribute;
    }

    /** The component setting {@value #MATCH_LOCAL_USER_TIMING}: whether logins pay both kinds of hash. */
    public static boolean matchLocalUserTiming(RealmModel realm) {
        return component(realm)
                .map(component -> Boolean.parseBoolean(component.get(MATCH_LOCAL_USER_TIMING)))
                .orElse(false);
    }

    /** The component key of a former realm attribute: {@code gatehouseCentralIdp} → {@code centralIdp}. */
    public static String key(String attribute) {
        if (!attribute.startsWith(PREFIX) || attribute.length() == PREFIX.length()) {
            return attribute;
        }
        String rest = attribute.substring(PREFIX.length());
        return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
    }

    private static Optional<ComponentModel> component(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UserStorageProvider.class.getName())
                .filter(component -> STORE_PROVIDER.equals(component.getProviderId()))
                .findFirst();
    }

    private static String value(ComponentModel component, String key) {
        String value = component.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
