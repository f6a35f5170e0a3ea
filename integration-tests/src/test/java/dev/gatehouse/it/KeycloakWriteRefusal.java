package dev.gatehouse.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes Keycloak's own database refuse the writes a revocation makes for one user: a trigger on
 * {@code fed_user_attribute}, where Keycloak keeps the {@code notBefore} of users of a user-storage
 * provider, raises for the users listed in a table of the test's. Only that step of those users fails;
 * logins, admin calls and every other user go on working. Closing lifts the refusal.
 */
final class KeycloakWriteRefusal implements AutoCloseable {

    private static final String SETUP = """
            CREATE TABLE IF NOT EXISTS gatehouse_it_refused (user_id varchar(255) PRIMARY KEY);
            CREATE OR REPLACE FUNCTION gatehouse_it_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM gatehouse_it_refused WHERE user_id = NEW.user_id) THEN
                    RAISE EXCEPTION 'gatehouse_it: Keycloak database refuses writes for %', NEW.user_id;
                END IF;
                RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS gatehouse_it_refuse ON fed_user_attribute;
            CREATE TRIGGER gatehouse_it_refuse BEFORE INSERT OR UPDATE ON fed_user_attribute
                FOR EACH ROW EXECUTE FUNCTION gatehouse_it_refuse();
            """;

    private final DataSource keycloakDb;
    private final String userId;

    private KeycloakWriteRefusal(DataSource keycloakDb, String userId) {
        this.keycloakDb = keycloakDb;
        this.userId = userId;
    }

    static KeycloakWriteRefusal forUser(DataSource keycloakDb, String userId) {
        try (Connection connection = keycloakDb.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(SETUP);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not install the refusal trigger", e);
        }
        // SQL is the point here: a trigger in Keycloak's database is the fault this fixture injects.
        update(keycloakDb, "INSERT INTO gatehouse_it_refused (user_id) VALUES (?) ON CONFLICT DO NOTHING", userId);
        return new KeycloakWriteRefusal(keycloakDb, userId);
    }

    /** Rows of Keycloak's database that a query counts, for one bind value. */
    static int count(DataSource keycloakDb, String sql, String bind) {
        try (Connection connection = keycloakDb.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, bind);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        update(keycloakDb, "DELETE FROM gatehouse_it_refused WHERE user_id = ?", userId);
    }

    private static void update(DataSource keycloakDb, String sql, String bind) {
        try (Connection connection = keycloakDb.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, bind);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
