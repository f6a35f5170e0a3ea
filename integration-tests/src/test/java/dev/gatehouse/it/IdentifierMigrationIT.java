package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.store.IdentifierRekeying;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import dev.gatehouse.testing.PostgresServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw SQL is the point here: the test writes rows as a store keyed before V7 held them (V1 keys,
 * in a database migrated only to V6) and reads what the migration made of them.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Identifier keys: the V7 migration re-keys existing rows and reports collisions")
class IdentifierMigrationIT {

    private final GatehouseEnvironment env;

    IdentifierMigrationIT(GatehouseEnvironment env) {
        this.env = env;
    }

    @Test
    @DisplayName("rows keyed the V1 way collide after V7: reported, the unchanged key kept, nothing merged")
    void migrationReportsCollisions() throws SQLException {
        PostgresServer server = env.store().server();
        String database = "rekey_" + Long.toString(System.nanoTime(), 36);
        server.createDatabase(database);
        flyway(server, database).target("6").load().migrate();
        DataSource store = server.dataSource(database);
        UUID kept = insertAccount(store, "Legacy", "legacy@it.test", "2020-01-01");
        UUID lookAlike = insertAccount(store, "\u217Cegacy", "ell@it.test", "2019-01-01");
        UUID invisible = insertAccount(store, "legacy\u200B", "zwsp@it.test", "2021-01-01");
        UUID fullWidth = insertAccount(store, "\uFF2D\uFF29\uFF38", "mix@it.test", "2021-01-01");
        UUID boss = insertAccount(store, "boss@it.test", "boss-own@it.test", "2021-01-01");
        UUID bossAddress = insertAccount(store, "assistant", "Boss@IT.test", "2021-01-01");
        execute(
                store,
                "INSERT INTO pending_signup (username, username_key, email, email_key, password_hash, expires_at)"
                        + " VALUES (?, ?, 'p@it.test', 'p@it.test', 'x', now() + interval '1 day')",
                "\uFF4C\uFF45\uFF47\uFF41\uFF43\uFF59",
                v1Key("\uFF4C\uFF45\uFF47\uFF41\uFF43\uFF59"));
        execute(
                store,
                "INSERT INTO email_ban (email_key, email) VALUES (?, ?)",
                v1Key("\uFF42an@x.test"),
                "\uFF42an@x.test");
        execute(store, "INSERT INTO email_ban (email_key, email) VALUES ('ban@x.test', 'ban@x.test')");

        flyway(server, database).load().migrate();

        assertThat(usernameKey(store, kept)).isEqualTo("legacy");
        assertThat(usernameKey(store, lookAlike)).isNull();
        assertThat(usernameKey(store, invisible)).isNull();
        assertThat(usernameKey(store, fullWidth)).isEqualTo("mix");
        assertThat(rows(store, "SELECT username FROM account ORDER BY username"))
                .as("every account is still there with its spelling")
                .contains("Legacy", "\u217Cegacy", "legacy\u200B", "\uFF2D\uFF29\uFF38")
                .hasSize(6);
        assertThat(rows(
                        store,
                        "SELECT kind || ' ' || key || ' ' || username || ' ' || resolution FROM identifier_collision"
                                + " ORDER BY kind, key, id"))
                .containsExactlyInAnyOrder(
                        "pending-signup legacy \uFF4C\uFF45\uFF47\uFF41\uFF43\uFF59 signup-deleted",
                        "username legacy \u217Cegacy username-withheld",
                        "username legacy Legacy kept-username",
                        "username legacy legacy\u200B username-withheld",
                        "username-email boss@it.test boss@it.test kept-username",
                        "username-email boss@it.test assistant reported");
        assertThat(rows(store, "SELECT record_id::text FROM identifier_collision WHERE kind = 'username-email'"))
                .containsExactlyInAnyOrder(boss.toString(), bossAddress.toString());
        assertThat(rows(store, "SELECT count(*)::text FROM pending_signup")).containsExactly("0");
        assertThat(rows(store, "SELECT email_key FROM email_ban")).containsExactly("ban@x.test");

        try (Connection connection = store.getConnection()) {
            assertThat(new IdentifierRekeying(connection).run())
                    .as("a second run reports nothing new")
                    .isZero();
        }
    }

    @Test
    @DisplayName("the Admin API lists a collision; the withheld username resolves to the account that kept it")
    void adminApiListsCollisions() throws SQLException {
        String name = Names.unique("live");
        String lookAlikeName = "\u217C" + name.substring(1);
        DataSource store = env.store().dataSource();
        UUID kept = env.store()
                .account(name)
                .email(name + "@it.test")
                .password("kept-pass")
                .create();
        UUID withheld = env.store()
                .account(Names.unique("withheld"))
                .email(Names.unique("withheld") + "@it.test")
                .password("withheld-pass")
                .create();
        // As a store keyed before V7 would hold it: NFC and lower case kept U+217C apart from "l".
        execute(
                store,
                "UPDATE account SET username = ?, username_key = ? WHERE id = ?",
                lookAlikeName,
                v1Key(lookAlikeName),
                withheld);

        rekeyLiveStore();

        HttpResponse<String> listed = env.admin().get("gatehouse/gatehouse/identifier-collisions?max=1000");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode collision : Oidc.json(listed.body())) {
            if (collision.get("kind").asText().equals("username")
                    && collision.get("key").asText().equals(name)) {
                entry = collision;
            }
        }
        assertThat(entry).as(listed.body()).isNotNull();
        List<String> records = new ArrayList<>();
        entry.get("records")
                .forEach(record -> records.add(
                        record.get("id").asText() + " " + record.get("username").asText() + " "
                                + record.get("resolution").asText()));
        assertThat(records)
                .containsExactlyInAnyOrder(
                        kept + " " + name + " kept-username", withheld + " " + lookAlikeName + " username-withheld");

        // Typing the look-alike now names the account that kept the key; the other logs in by e-mail.
        assertThat(grant(lookAlikeName, "kept-pass").statusCode()).isEqualTo(200);
        assertThat(grant(lookAlikeName, "withheld-pass").statusCode()).isNotEqualTo(200);
        String withheldEmail = env.store().row(withheld).orElseThrow().email();
        assertThat(grant(withheldEmail, "withheld-pass").statusCode()).isEqualTo(200);

        assertThat(env.admin()
                        .get("gatehouse/gatehouse/identifier-collisions?max=5000")
                        .statusCode())
                .isEqualTo(400);
    }

    private HttpResponse<String> grant(String username, String password) {
        return env.oidc("gatehouse").passwordGrant("demo-api", "demo-api-secret", username, password);
    }

    /** What V7 does, on the running store: the same code, in one transaction. */
    private void rekeyLiveStore() throws SQLException {
        try (Connection connection = env.store().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            new IdentifierRekeying(connection).run();
            connection.commit();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            PostgresServer server, String database) {
        return Flyway.configure()
                .dataSource(server.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD)
                .locations("classpath:db/gatehouse");
    }

    /** The key V1 to V6 stored: NFC, then lower case. */
    private static String v1Key(String identifier) {
        return Normalizer.normalize(identifier.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static UUID insertAccount(DataSource store, String username, String email, String created)
            throws SQLException {
        try (Connection connection = store.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO account (username, username_key, email, email_key, email_confirmed, created_at)"
                                + " VALUES (?, ?, ?, ?, true, CAST(? AS timestamptz)) RETURNING id")) {
            insert.setString(1, username);
            insert.setString(2, v1Key(username));
            insert.setString(3, email);
            insert.setString(4, v1Key(email));
            insert.setString(5, created);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static String usernameKey(DataSource store, UUID id) throws SQLException {
        List<String> keys = rows(store, "SELECT username_key FROM account WHERE id = ?", id);
        return keys.get(0);
    }

    private static void execute(DataSource store, String sql, Object... binds) throws SQLException {
        try (Connection connection = store.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            statement.execute();
        }
    }

    private static List<String> rows(DataSource store, String sql, Object... binds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = store.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                statement.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }
}
