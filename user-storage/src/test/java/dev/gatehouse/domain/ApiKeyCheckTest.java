package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.ApiKeyCheck.BadCredentials;
import dev.gatehouse.domain.ApiKeyCheck.Failure;
import dev.gatehouse.domain.ApiKeyCheck.Outcome;
import dev.gatehouse.domain.ApiKeyCheck.Refused;
import dev.gatehouse.domain.ApiKeyCheck.StoredKey;
import dev.gatehouse.domain.ApiKeyCheck.Success;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ApiKeyCheck")
class ApiKeyCheckTest {

    private final ApiKeyFormat format = new ApiKeyFormat("GH");
    private final Map<String, StoredKey> keys = new HashMap<>();
    private final List<String> touched = new ArrayList<>();
    private final ApiKeyCheck check = new ApiKeyCheck(
            format,
            new ApiKeyCheck.KeyStore() {
                @Override
                public Optional<StoredKey> findForCheck(String keyId) {
                    return Optional.ofNullable(keys.get(keyId));
                }

                @Override
                public void touch(String keyId) {
                    touched.add(keyId);
                }
            },
            new AccountPolicy());

    private String keyOf(String username, AccountStatus effective, boolean revoked, boolean stale) {
        return keyOf(username, effective, revoked, stale, false, EnumSet.of(KeyScope.FULL), null);
    }

    private String keyOf(
            String username,
            AccountStatus effective,
            boolean revoked,
            boolean stale,
            boolean expired,
            Set<KeyScope> scopes,
            TeammateLevel teamLevel) {
        Account account = new Account(
                UUID.randomUUID(),
                username,
                null,
                true,
                null,
                effective,
                effective,
                null,
                null,
                Instant.EPOCH,
                teamLevel == null ? null : UUID.randomUUID(),
                teamLevel);
        ApiKeyFormat.Generated key = format.generate();
        keys.put(
                key.keyId(),
                new StoredKey(key.keyId(), key.secretHash(), revoked, stale, expired, scopes, Optional.of(account)));
        return key.key();
    }

    private String keyOf(String username) {
        return keyOf(username, AccountStatus.ACTIVE, false, true);
    }

    @Test
    @DisplayName("a valid key of an active account passes for its username in any case, and for 'apikey'")
    void validKeys() {
        String key = keyOf("Zoë O'Brien");

        assertThat(check.check("Zoë O'Brien", key)).isInstanceOf(Success.class);
        assertThat(check.check("ZOË O'BRIEN", key)).isInstanceOf(Success.class);
        assertThat(check.check("apikey", key)).isInstanceOf(Success.class);
        assertThat(check.check("APIKEY", key)).isInstanceOf(Success.class);
    }

    @Test
    @DisplayName("records a use only when the last one is stale")
    void touchesStaleKeysOnly() {
        String stale = keyOf("ann", AccountStatus.ACTIVE, false, true);
        String fresh = keyOf("bob", AccountStatus.ACTIVE, false, false);

        check.check("ann", stale);
        check.check("bob", fresh);

        assertThat(touched).containsExactly(format.parse(stale).orElseThrow().keyId());
    }

    @Test
    @DisplayName("every kind of bad credentials is BadCredentials")
    void badCredentials() {
        String key = keyOf("ann");
        String revoked = keyOf("ann2", AccountStatus.ACTIVE, true, true);
        String banned = keyOf("ben", AccountStatus.BANNED, false, true);
        String keyId = format.parse(key).orElseThrow().keyId();
        String wrongSecret = "GH." + keyId + "." + format.generate().key().split("\\.")[2];
        String unknownId = "GH.nosuchkey." + key.split("\\.")[2];

        assertThat(failure(check.check("ann", "GH.broken"))).isEqualTo(Failure.MALFORMED_KEY);
        assertThat(failure(check.check("ann", unknownId))).isEqualTo(Failure.UNKNOWN_KEY);
        assertThat(failure(check.check("ann", wrongSecret))).isEqualTo(Failure.WRONG_SECRET);
        assertThat(failure(check.check("ann2", revoked))).isEqualTo(Failure.REVOKED_KEY);
        String expired = keyOf("ann3", AccountStatus.ACTIVE, false, true, true, EnumSet.of(KeyScope.FULL), null);
        assertThat(failure(check.check("ann3", expired))).isEqualTo(Failure.EXPIRED_KEY);
        assertThat(failure(check.check("someone-else", key))).isEqualTo(Failure.UNKNOWN_USER);
        assertThat(failure(check.check("ben", banned))).isEqualTo(Failure.ACCOUNT_HIDDEN);
        assertThat(touched).isEmpty();
    }

    @Test
    @DisplayName("a terminated account's correct key is refused with the decision; a wrong user stays bad credentials")
    void terminated() {
        String key = keyOf("deadbeat", AccountStatus.TERMINATED, false, true);

        Outcome outcome = check.check("deadbeat", key);

        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).decision().effectiveStatus()).isEqualTo(AccountStatus.TERMINATED);
        assertThat(failure(check.check("not-deadbeat", key))).isEqualTo(Failure.UNKNOWN_USER);
        assertThat(touched).isEmpty();
    }

    @Test
    @DisplayName("a correct key whose account no longer exists is bad credentials, even for 'apikey'")
    void keyWithoutAccount() {
        ApiKeyFormat.Generated key = format.generate();
        keys.put(
                key.keyId(),
                new StoredKey(
                        key.keyId(),
                        key.secretHash(),
                        false,
                        true,
                        false,
                        EnumSet.of(KeyScope.FULL),
                        Optional.empty()));

        assertThat(failure(check.check("apikey", key.key()))).isEqualTo(Failure.UNKNOWN_USER);
        assertThat(touched).isEmpty();
    }

    @Test
    @DisplayName("success names the key's scopes, capped by the account's current teammate level")
    void scopes() {
        String sender = keyOf("sam", AccountStatus.ACTIVE, false, false, false, EnumSet.of(KeyScope.MAIL_SEND), null);
        String demoted = keyOf(
                "dev",
                AccountStatus.ACTIVE,
                false,
                false,
                false,
                EnumSet.of(KeyScope.FULL, KeyScope.MAIL_SEND),
                TeammateLevel.DEVELOPER);
        String readOnly = keyOf(
                "ro",
                AccountStatus.ACTIVE,
                false,
                false,
                false,
                EnumSet.of(KeyScope.MAIL_SEND),
                TeammateLevel.READ_ONLY);

        assertThat(((Success) check.check("sam", sender)).scopes()).containsExactly(KeyScope.MAIL_SEND);
        assertThat(((Success) check.check("dev", demoted)).scopes()).containsExactly(KeyScope.MAIL_SEND);
        assertThat(failure(check.check("ro", readOnly))).isEqualTo(Failure.NO_SCOPE_LEFT);
    }

    private static Failure failure(Outcome outcome) {
        assertThat(outcome).isInstanceOf(BadCredentials.class);
        return ((BadCredentials) outcome).failure();
    }
}
