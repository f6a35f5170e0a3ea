package db.gatehouse;

import dev.gatehouse.store.IdentifierRekeying;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Gatehouse account store, version 7: identifier keys become Unicode {@code NFKC_Casefold} (SPEC
 * P4.1), and collisions between identifiers are reported in {@code identifier_collision} (P4.2).
 *
 * <p>A Java migration because the keys of existing rows must equal what {@code Identifiers.key}
 * computes at login, byte for byte, and PostgreSQL has no {@code NFKC_Casefold} (its {@code lower}
 * follows the database's collation, and {@code normalize} does not fold case). Flyway finds this
 * class next to the SQL files under {@code classpath:db/gatehouse}; a runner that reads only the SQL
 * directory would skip it, so every runner gets the bundle JAR on its class path (docs/install.md).
 */
public class V7__Identifier_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("""
                    CREATE TABLE identifier_collision (
                        id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        kind        text        NOT NULL,
                        key         text        NOT NULL,
                        record      text        NOT NULL,
                        record_id   uuid        NOT NULL,
                        username    text        NOT NULL,
                        email       text,
                        resolution  text        NOT NULL,
                        detected_at timestamptz NOT NULL DEFAULT now(),
                        CONSTRAINT identifier_collision_kind_known
                            CHECK (kind IN ('username', 'username-email', 'pending-signup')),
                        CONSTRAINT identifier_collision_record_known CHECK (record IN ('account', 'pending_signup')),
                        CONSTRAINT identifier_collision_once UNIQUE (kind, key, record_id)
                    )
                    """);
            // An account whose username collides with an older one's keeps its spelling but no key
            // until an admin renames one of them: its username resolves to nobody (IdentifierRekeying).
            statement.execute("ALTER TABLE account ALTER COLUMN username_key DROP NOT NULL");
        }
        new IdentifierRekeying(context.getConnection()).run();
    }
}
