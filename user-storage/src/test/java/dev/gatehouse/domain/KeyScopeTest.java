package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeyScope")
class KeyScopeTest {

    @Test
    @DisplayName("a key never exceeds its account's level: owner and admin all, developer sending, billing reading")
    void allowedByLevel() {
        assertThat(KeyScope.allowedFor(TeammateLevel.OWNER)).containsExactlyInAnyOrder(KeyScope.values());
        assertThat(KeyScope.allowedFor(TeammateLevel.ADMIN)).containsExactlyInAnyOrder(KeyScope.values());
        assertThat(KeyScope.allowedFor(TeammateLevel.DEVELOPER)).containsExactly(KeyScope.MAIL_SEND);
        assertThat(KeyScope.allowedFor(TeammateLevel.BILLING)).containsExactly(KeyScope.BILLING_READ);
        assertThat(KeyScope.allowedFor(TeammateLevel.READ_ONLY)).isEmpty();
    }

    @Test
    @DisplayName("without scopes named, a key is full where allowed, else what the level allows")
    void defaults() {
        assertThat(KeyScope.defaultFor(TeammateLevel.OWNER)).containsExactly(KeyScope.FULL);
        assertThat(KeyScope.defaultFor(TeammateLevel.DEVELOPER)).containsExactly(KeyScope.MAIL_SEND);
    }

    @Test
    @DisplayName("the store's space-separated form reads back; unknown values are left out")
    void storeForm() {
        String joined = KeyScope.join(EnumSet.of(KeyScope.BILLING_READ, KeyScope.MAIL_SEND));
        assertThat(joined).isEqualTo("mail.send billing.read");
        assertThat(KeyScope.split(joined)).containsExactlyInAnyOrder(KeyScope.MAIL_SEND, KeyScope.BILLING_READ);
        assertThat(KeyScope.split("full future.scope")).containsExactly(KeyScope.FULL);
        assertThat(KeyScope.split(null)).isEmpty();
    }

    @Test
    @DisplayName("only the owner, admin and developer manage API keys")
    void management() {
        assertThat(TeammateLevel.OWNER.managesApiKeys()).isTrue();
        assertThat(TeammateLevel.ADMIN.managesApiKeys()).isTrue();
        assertThat(TeammateLevel.DEVELOPER.managesApiKeys()).isTrue();
        assertThat(TeammateLevel.BILLING.managesApiKeys()).isFalse();
        assertThat(TeammateLevel.READ_ONLY.managesApiKeys()).isFalse();
    }
}
