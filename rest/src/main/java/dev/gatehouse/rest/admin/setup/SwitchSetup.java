package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;

/** The opt-in switches ({@link SetupSwitch}): what each sets, and how uninstall puts the realm's value back. */
final class SwitchSetup {

    static final String GATEHOUSE_THEME = "gatehouse";
    static final String BCRYPT_POLICY = "hashAlgorithm(gatehouse-bcrypt) and hashIterations(10)";

    private static final String PREFIX = "switch:";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SetupState state;

    SwitchSetup(KeycloakSession session, RealmModel realm, SetupState state) {
        this.session = session;
        this.realm = realm;
        this.state = state;
    }

    void plan(Plan plan, SetupRequest request) {
        for (SetupSwitch setting : request.switches()) {
            ObjectNode wanted = wanted(setting, request);
            ObjectNode current = current(setting);
            if (wanted.equals(project(current, wanted))) {
                continue;
            }
            plan.add("update", RealmSetup.SETTING, setting.key(), setting.consequence(), () -> {
                ObjectNode before = current(setting);
                if (setting == SetupSwitch.SMTP) {
                    // The realm's SMTP password is not kept in setup's record, which admins can read.
                    before.remove("password");
                }
                state.previous(PREFIX + setting.key(), before);
                write(setting, wanted);
            });
        }
    }

    void planRestore(Plan plan) {
        for (String key : state.previousKeys()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            SetupSwitch setting =
                    SetupSwitch.byKey(key.substring(PREFIX.length())).orElse(null);
            JsonNode previous = state.previous(key).orElse(null);
            if (setting == null || !(previous instanceof ObjectNode values)) {
                continue;
            }
            String detail = setting == SetupSwitch.SMTP
                    ? "the realm's previous SMTP settings, without a password: set it again if it had one"
                    : "the realm's previous value";
            plan.add("restore", RealmSetup.SETTING, setting.key(), detail, () -> write(setting, values));
        }
    }

    private ObjectNode wanted(SetupSwitch setting, SetupRequest request) {
        ObjectNode json = SetupState.mapper().createObjectNode();
        switch (setting) {
            case PUBLIC_SIGNUP -> json.put("registrationAllowed", true);
            case BRUTE_FORCE ->
                json.put("bruteForceProtected", true)
                        .put("permanentLockout", false)
                        .put("failureFactor", 10)
                        .put("waitIncrementSeconds", 60)
                        .put("maxFailureWaitSeconds", 900)
                        .put("maxDeltaTimeSeconds", 43200)
                        .put("quickLoginCheckMilliSeconds", 1000L)
                        .put("minimumQuickLoginWaitSeconds", 60);
            case THEMES ->
                json.put("loginTheme", GATEHOUSE_THEME)
                        .put("accountTheme", GATEHOUSE_THEME)
                        .put("emailTheme", GATEHOUSE_THEME);
            case BCRYPT_PASSWORD_POLICY -> json.put("passwordPolicy", bcryptPolicy());
            case SMTP -> request.smtp().forEach(json::put);
        }
        return json;
    }

    private ObjectNode current(SetupSwitch setting) {
        ObjectNode json = SetupState.mapper().createObjectNode();
        switch (setting) {
            case PUBLIC_SIGNUP -> json.put("registrationAllowed", realm.isRegistrationAllowed());
            case BRUTE_FORCE ->
                json.put("bruteForceProtected", realm.isBruteForceProtected())
                        .put("permanentLockout", realm.isPermanentLockout())
                        .put("failureFactor", realm.getFailureFactor())
                        .put("waitIncrementSeconds", realm.getWaitIncrementSeconds())
                        .put("maxFailureWaitSeconds", realm.getMaxFailureWaitSeconds())
                        .put("maxDeltaTimeSeconds", realm.getMaxDeltaTimeSeconds())
                        .put("quickLoginCheckMilliSeconds", realm.getQuickLoginCheckMilliSeconds())
                        .put("minimumQuickLoginWaitSeconds", realm.getMinimumQuickLoginWaitSeconds());
            case THEMES ->
                json.put("loginTheme", realm.getLoginTheme())
                        .put("accountTheme", realm.getAccountTheme())
                        .put("emailTheme", realm.getEmailTheme());
            case BCRYPT_PASSWORD_POLICY -> json.put("passwordPolicy", policyString());
            case SMTP -> realm.getSmtpConfig().forEach(json::put);
        }
        return json;
    }

    private void write(SetupSwitch setting, ObjectNode values) {
        switch (setting) {
            case PUBLIC_SIGNUP ->
                realm.setRegistrationAllowed(values.path("registrationAllowed").asBoolean());
            case BRUTE_FORCE -> {
                realm.setBruteForceProtected(values.path("bruteForceProtected").asBoolean());
                realm.setPermanentLockout(values.path("permanentLockout").asBoolean());
                realm.setFailureFactor(values.path("failureFactor").asInt());
                realm.setWaitIncrementSeconds(
                        values.path("waitIncrementSeconds").asInt());
                realm.setMaxFailureWaitSeconds(
                        values.path("maxFailureWaitSeconds").asInt());
                realm.setMaxDeltaTimeSeconds(values.path("maxDeltaTimeSeconds").asInt());
                realm.setQuickLoginCheckMilliSeconds(
                        values.path("quickLoginCheckMilliSeconds").asLong());
                realm.setMinimumQuickLoginWaitSeconds(
                        values.path("minimumQuickLoginWaitSeconds").asInt());
            }
            case THEMES -> {
                realm.setLoginTheme(values.path("loginTheme").asText(null));
                realm.setAccountTheme(values.path("accountTheme").asText(null));
                realm.setEmailTheme(values.path("emailTheme").asText(null));
            }
            case BCRYPT_PASSWORD_POLICY ->
                realm.setPasswordPolicy(PasswordPolicy.parse(
                        session, values.path("passwordPolicy").asText("")));
            case SMTP -> {
                Map<String, String> smtp = new HashMap<>();
                values.fields()
                        .forEachRemaining(entry ->
                                smtp.put(entry.getKey(), entry.getValue().asText()));
                realm.setSmtpConfig(smtp);
            }
        }
    }

    /** The realm's policy with Gatehouse's hash instead of its own; its other rules stay. */
    private String bcryptPolicy() {
        StringBuilder policy = new StringBuilder(BCRYPT_POLICY);
        for (String part : policyString().split("\\s+and\\s+")) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("hashAlgorithm") && !trimmed.startsWith("hashIterations")) {
                policy.append(" and ").append(trimmed);
            }
        }
        return policy.toString();
    }

    private String policyString() {
        PasswordPolicy policy = realm.getPasswordPolicy();
        return policy == null ? "" : policy.toString();
    }

    /** The current values of the keys the wanted values name, to compare like with like. */
    private static ObjectNode project(ObjectNode current, ObjectNode wanted) {
        ObjectNode projected = SetupState.mapper().createObjectNode();
        wanted.fieldNames().forEachRemaining(name -> {
            if (current.has(name)) {
                projected.set(name, current.get(name));
            }
        });
        return projected;
    }
}
