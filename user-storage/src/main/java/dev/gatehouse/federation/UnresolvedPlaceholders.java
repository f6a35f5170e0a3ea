package dev.gatehouse.federation;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Refuses a realm whose import left a {@code ${GATEHOUSE_…}} placeholder unresolved. Keycloak
 * resolves the realm file's placeholders from the environment of {@code kc.sh import} and keeps one
 * it cannot resolve as literal text, so a secret the admin forgot to set would otherwise become the
 * SMTP password or the central provider's client secret, silently. Checked on Keycloak's
 * {@link RealmModel.RealmPostCreateEvent}, which {@code RealmManager.importRealm} fires inside the
 * import's transaction for {@code kc.sh import}, {@code --import-realm} and {@code POST
 * /admin/realms} alike: the {@link ModelException} rolls the whole realm back, and the Admin API
 * answers 400 with its message.
 */
final class UnresolvedPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(GATEHOUSE_[A-Za-z0-9_]+)");

    private UnresolvedPlaceholders() {}

    static void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            refuse(created.getKeycloakSession(), created.getCreatedRealm());
        }
    }

    static void refuse(KeycloakSession session, RealmModel realm) {
        Map<String, Set<String>> found = new TreeMap<>();
        realm.getSmtpConfig().forEach((key, value) -> scan(found, value, "SMTP settings (" + key + ")"));
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            session.identityProviders().getAllStream().forEach(provider -> {
                String where = "identity provider " + provider.getAlias();
                scan(found, provider.getDisplayName(), where + " (displayName)");
                provider.getConfig().forEach((key, value) -> scan(found, value, where + " (" + key + ")"));
            });
        } finally {
            session.getContext().setRealm(previous);
        }
        realm.getClientsStream()
                .forEach(client -> scan(found, client.getSecret(), "client " + client.getClientId() + " (secret)"));
        realm.getAttributes().forEach((key, value) -> scan(found, value, "realm attribute " + key));
        if (!found.isEmpty()) {
            throw new ModelException(message(realm.getName(), found));
        }
    }

    static String message(String realm, Map<String, Set<String>> found) {
        StringBuilder message = new StringBuilder("Realm '").append(realm).append("' refused: unresolved placeholder ");
        String separator = "";
        for (Map.Entry<String, Set<String>> variable : found.entrySet()) {
            message.append(separator)
                    .append(variable.getKey())
                    .append(" (")
                    .append(String.join(", ", variable.getValue()))
                    .append(')');
            separator = ", ";
        }
        return message.append(". Keycloak keeps a ${…} it cannot resolve from the environment as literal text:"
                        + " set the variable in the environment of kc.sh import (or give the value) and import again.")
                .toString();
    }

    static void scan(Map<String, Set<String>> found, String value, String where) {
        if (value == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            found.computeIfAbsent(matcher.group(1), name -> new TreeSet<>()).add(where);
        }
    }
}
