package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domain.AccountStatus;
import dev.gatehouse.domain.ApiKey;
import dev.gatehouse.domain.ApiKeyCheck;
import dev.gatehouse.domain.ApiKeyFormat;
import dev.gatehouse.domain.KeyScope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ApiKeyRepository against PostgreSQL: key rows and the check's lookup")
class ApiKeyRepositoryDbTest {

    private final StoreDb db = StoreDb.shared();
    private final ApiKeyRepository keys = new ApiKeyRepository(db.connection());
    private final ApiKeyFormat format = new ApiKeyFormat(ApiKeyFormat.DEFAULT_PREFIX);

    @Test
    @DisplayName("a created key is stored as its SHA-256 hash with name and scopes, never as the secret")
    void created() {
        UUID account = db.account(StoreDb.unique("keys"), null, null);
        ApiKeyFormat.Generated generated = format.generate();

        ApiKey key = keys.create(account, "relay", Set.of(KeyScope.MAIL_SEND), null, generated);

        assertThat(key.id()).isEqualTo(generated.keyId());
        assertThat(key.scopes()).containsExactly(KeyScope.MAIL_SEND);
        assertThat(db.string("SELECT encode(secret_hash, 'hex') FROM api_key WHERE id = ?", key.id()))
                .contains(java.util.HexFormat.of().formatHex(generated.secretHash()));
        assertThat(db.count("SELECT octet_length(secret_hash) FROM api_key WHERE id = ?", key.id()))
                .isEqualTo(32);
        assertThat(keys.list(account)).extracting(ApiKey::name).containsExactly("relay");
    }

    @Test
    @DisplayName("revoke marks one key once; revokeAll the rest; countActive follows")
    void revoke() {
        UUID account = db.account(StoreDb.unique("keys"), null, null);
        ApiKey first = keys.create(account, "one", Set.of(KeyScope.FULL), null, format.generate());
        keys.create(account, "two", Set.of(KeyScope.FULL), null, format.generate());
        keys.create(account, "three", Set.of(KeyScope.FULL), null, format.generate());

        assertThat(keys.revoke(account, first.id())).isTrue();
        assertThat(keys.revoke(account, first.id())).as("already revoked").isFalse();
        assertThat(keys.revoke(
                        db.account(StoreDb.unique("other"), null, null),
                        keys.list(account).get(1).id()))
                .as("another account's key")
                .isFalse();
        assertThat(keys.countActive(account)).isEqualTo(2);
        assertThat(keys.revokeAll(account)).isEqualTo(2);
        assertThat(keys.countActive(account)).isZero();
        assertThat(db.count("SELECT count(*) FROM api_key WHERE account_id = ? AND revoked_at IS NOT NULL", account))
                .isEqualTo(3);
    }

    @Test
    @DisplayName(
            "the check's lookup carries the account's effective status: a sub-user of a banned parent reads banned")
    void checkLookupEffectiveStatus() {
        UUID parent = db.account(StoreDb.unique("parent"), null, null);
        UUID sub = db.account(StoreDb.unique("sub"), parent, null);
        ApiKey key = keys.create(sub, "relay", Set.of(KeyScope.FULL), null, format.generate());
        ApiKey expired =
                keys.create(sub, "old", Set.of(KeyScope.FULL), Instant.now().minusSeconds(60), format.generate());

        ApiKeyCheck.StoredKey before = keys.findForCheck(key.id()).orElseThrow();
        db.execute("UPDATE account SET status = 'banned' WHERE id = ?", parent);
        ApiKeyCheck.StoredKey after = keys.findForCheck(key.id()).orElseThrow();

        assertThat(before.account().orElseThrow().effectiveStatus()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(after.account().orElseThrow().effectiveStatus()).isEqualTo(AccountStatus.BANNED);
        assertThat(after.account().orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(before.lastUsedStale()).isTrue();
        assertThat(keys.findForCheck(expired.id()).orElseThrow().expired()).isTrue();
        assertThat(keys.findForCheck("no-such-key")).isEmpty();
    }

    @Test
    @DisplayName("touch records the use once a minute: a second touch within it writes nothing")
    void touch() {
        UUID account = db.account(StoreDb.unique("keys"), null, null);
        ApiKey key = keys.create(account, "relay", Set.of(KeyScope.FULL), null, format.generate());

        keys.touch(key.id());
        String first = db.string("SELECT last_used_at FROM api_key WHERE id = ?", key.id())
                .orElseThrow();
        keys.touch(key.id());

        assertThat(db.string("SELECT last_used_at FROM api_key WHERE id = ?", key.id()))
                .contains(first);
        assertThat(keys.findForCheck(key.id()).orElseThrow().lastUsedStale()).isFalse();
    }
}
