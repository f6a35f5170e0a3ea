package dev.gatehouse.store;

import dev.gatehouse.domain.Identifiers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The account store of the repository tier ({@code *DbTest}): a real PostgreSQL (the embedded
 * binaries the integration tests use), migrated with the Flyway files admins apply, and Hibernate
 * as Keycloak runs the repositories' native queries — without Keycloak. One server per test JVM;
 * tests keep apart by arranging accounts of their own ({@link #unique}).
 */
final class StoreDb {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private static StoreDb shared;

    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;
    private final EntityManagerFactory entityManagers;

    private StoreDb(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.dataSource = postgres.getPostgresDatabase();
        execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
        String url = postgres.getJdbcUrl(USER, "postgres");
        Flyway.configure()
                .dataSource(url, USER, PASSWORD)
                .locations("classpath:db/gatehouse")
                .load()
                .migrate();
        this.entityManagers = new PersistenceConfiguration("gatehouse-store-db-test")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property(PersistenceConfiguration.JDBC_URL, url)
                .property(PersistenceConfiguration.JDBC_USER, USER)
                .property(PersistenceConfiguration.JDBC_PASSWORD, PASSWORD)
                .createEntityManagerFactory();
    }

    /** The server of this JVM, started and migrated on first use, stopped when the JVM ends. */
    static synchronized StoreDb shared() {
        if (shared == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setLocaleConfig("locale", "C.UTF-8")
                        .setLocaleConfig("encoding", "UTF8")
                        .start();
                shared = new StoreDb(postgres);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return shared;
    }

    /** A new, empty database on this server, for a test that migrates it itself; its JDBC URL. */
    String createDatabase(String name) {
        execute("CREATE DATABASE " + name);
        return postgres.getJdbcUrl(USER, name);
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs {@code work} in a transaction of its own, committed when it returns, rolled back when it throws. */
    <T> T transaction(Function<EntityManager, T> work) {
        EntityManager em = entityManagers.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /** The store as the repositories that take a {@link StoreConnection} see it: each call its own transaction. */
    StoreConnection connection() {
        return new StoreConnection() {
            @Override
            public <T> T read(Function<EntityManager, T> query) {
                return Sql.guarded(() -> transaction(query));
            }

            @Override
            public <T> T readJdbc(JdbcWork<T> query) {
                try (Connection connection = dataSource.getConnection()) {
                    return query.run(connection);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public <T> T write(Function<EntityManager, T> change) {
                return Sql.guarded(() -> transaction(change));
            }
        };
    }

    /** Inserts an active account with a confirmed address (or none), keyed as the store keys it. */
    UUID account(String username, UUID parent, String email) {
        return uuid(
                "INSERT INTO account (username, username_key, email, email_key, email_confirmed, parent_id)"
                        + " VALUES (?, ?, ?, ?, true, ?) RETURNING id",
                username,
                Identifiers.key(username),
                email,
                email == null ? null : Identifiers.key(email),
                parent);
    }

    String status(UUID account) {
        return string("SELECT status FROM account WHERE id = ?", account).orElseThrow();
    }

    long count(String sql, Object... binds) {
        return Long.parseLong(string(sql, binds).orElse("0"));
    }

    Optional<String> string(String sql, Object... binds) {
        List<String> rows = strings(sql, binds);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    /** The first column of every row. */
    List<String> strings(String sql, Object... binds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, binds);
                ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    UUID uuid(String sql, Object... binds) {
        return UUID.fromString(string(sql, binds).orElseThrow());
    }

    void execute(String sql, Object... binds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, binds)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... binds) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < binds.length; i++) {
            statement.setObject(i + 1, binds[i]);
        }
        return statement;
    }

    private void close() {
        entityManagers.close();
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is ending.
        }
    }
}
