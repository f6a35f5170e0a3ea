package dev.gatehouse.store;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * How the repositories reach the account store. Reads and writes are told apart because they may
 * run in different transactions: a Keycloak request reads outside its own transaction and writes
 * inside it (see {@code dev.gatehouse.store.SessionStore}). Either way, a store that cannot be
 * used surfaces as {@link AccountStoreUnavailableException}.
 */
public interface StoreConnection {

    /** Runs statements that change nothing. */
    <T> T read(Function<EntityManager, T> query);

    /**
     * Runs statements that change nothing on a plain JDBC connection, without Hibernate's
     * native-query layer (which resolves a result mapping from the result set's metadata on every
     * query): for the hot paths, the API-key check. The connection is the caller's only during the
     * call.
     */
    <T> T readJdbc(JdbcWork<T> query);

    /** Work on a JDBC connection of the store. */
    @FunctionalInterface
    interface JdbcWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs statements that change the store, in the transaction that has to commit them. */
    <T> T write(Function<EntityManager, T> change);

    /**
     * Reads and writes alike in the transaction of this entity manager: for work that runs in a
     * transaction of its own and must see, or lock, what it reads.
     */
    static StoreConnection joining(EntityManager em) {
        return new StoreConnection() {
            @Override
            public <T> T read(Function<EntityManager, T> query) {
                return Sql.guarded(() -> query.apply(em));
            }

            @Override
            public <T> T readJdbc(JdbcWork<T> query) {
                return Sql.guarded(() -> em.unwrap(Session.class).doReturningWork(query::run));
            }

            @Override
            public <T> T write(Function<EntityManager, T> change) {
                return Sql.guarded(() -> change.apply(em));
            }
        };
    }
}
