package dev.gatehouse.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.JpaConnectionProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.transaction.JtaTransactionManagerLookup;

/**
 * The account store as one Keycloak session reaches it.
 *
 * <p>Reads run outside the session's JTA transaction, which is suspended meanwhile, on an entity
 * manager of their own in autocommit: a request that only reads the store (every login) never
 * enlists it in Keycloak's transaction, so a store that fails after the read cannot make the
 * request's commit fail with a 500, and a read costs one statement rather than a two-phase commit.
 * A failed read is an {@link AccountStoreUnavailableException} that the caller answers.
 *
 * <p>{@link #readJdbc} reads the same way on a connection straight from the datasource's pool
 * (Keycloak's {@link JpaConnectionProviderFactory#getConnection()}), with no entity manager at all.
 *
 * <p>Writes join the session's transaction and commit with Keycloak's own changes, atomically, as
 * before. Once the session has written, its reads join that transaction too, to see its writes.
 */
public final class SessionStore implements StoreConnection {

    private static final Logger LOG = Logger.getLogger(SessionStore.class);
    /** Name of the Keycloak datasource and of the JPA persistence unit that reaches the store. */
    public static final String DATASOURCE = "accounts";

    private static final String ATTRIBUTE = SessionStore.class.getName();

    private final KeycloakSession session;
    private boolean written;

    private SessionStore(KeycloakSession session) {
        this.session = session;
    }

    public static SessionStore of(KeycloakSession session) {
        SessionStore store = session.getAttribute(ATTRIBUTE, SessionStore.class);
        if (store == null) {
            store = new SessionStore(session);
            session.setAttribute(ATTRIBUTE, store);
        }
        return store;
    }

    @Override
    public <T> T read(Function<EntityManager, T> query) {
        if (written) {
            return StoreConnection.joining(entityManager()).read(query);
        }
        TransactionManager transactions = transactionManager();
        Transaction suspended = suspend(transactions);
        try {
            JpaConnectionProvider own = factory().create(session);
            try {
                return StoreConnection.joining(own.getEntityManager()).read(query);
            } finally {
                close(own);
            }
        } finally {
            resume(transactions, suspended);
        }
    }

    @Override
    public <T> T readJdbc(JdbcWork<T> query) {
        if (written) {
            return StoreConnection.joining(entityManager()).readJdbc(query);
        }
        TransactionManager transactions = transactionManager();
        Transaction suspended = suspend(transactions);
        try (Connection connection = connection()) {
            return query.run(connection);
        } catch (SQLException e) {
            throw new AccountStoreUnavailableException(e);
        } finally {
            resume(transactions, suspended);
        }
    }

    @Override
    public <T> T write(Function<EntityManager, T> change) {
        return StoreConnection.joining(joined()).write(change);
    }

    /**
     * The store's entity manager joined to the session's transaction, for work that writes: the
     * session's reads join that transaction from now on.
     */
    public EntityManager joined() {
        written = true;
        return entityManager();
    }

    private EntityManager entityManager() {
        JpaConnectionProvider connection = session.getProvider(JpaConnectionProvider.class, DATASOURCE);
        if (connection == null) {
            throw notConfigured();
        }
        return connection.getEntityManager();
    }

    private ProviderFactory<JpaConnectionProvider> factory() {
        ProviderFactory<JpaConnectionProvider> factory =
                session.getKeycloakSessionFactory().getProviderFactory(JpaConnectionProvider.class, DATASOURCE);
        if (factory == null) {
            throw notConfigured();
        }
        return factory;
    }

    /** A pooled connection outside any transaction (the session's is suspended): autocommit. */
    private Connection connection() {
        if (!(factory() instanceof JpaConnectionProviderFactory jpa)) {
            throw notConfigured();
        }
        try {
            return jpa.getConnection();
        } catch (RuntimeException e) {
            // Keycloak wraps the pool's SQLException in a RuntimeException.
            throw new AccountStoreUnavailableException(e);
        }
    }

    private TransactionManager transactionManager() {
        JtaTransactionManagerLookup lookup = session.getProvider(JtaTransactionManagerLookup.class);
        return lookup == null ? null : lookup.getTransactionManager();
    }

    private static Transaction suspend(TransactionManager transactions) {
        try {
            return transactions == null ? null : transactions.suspend();
        } catch (SystemException e) {
            throw new IllegalStateException("Could not suspend the request's transaction", e);
        }
    }

    private static void resume(TransactionManager transactions, Transaction suspended) {
        if (suspended == null) {
            return;
        }
        try {
            transactions.resume(suspended);
        } catch (InvalidTransactionException | SystemException e) {
            throw new IllegalStateException("Could not resume the request's transaction", e);
        }
    }

    /** The read is done; a connection that fails while it is given back changes nothing about it. */
    private static void close(JpaConnectionProvider own) {
        try {
            own.close();
        } catch (PersistenceException e) {
            LOG.debugf("Closing the account store's read connection failed: %s", e);
        }
    }

    private static AccountStoreUnavailableException notConfigured() {
        return new AccountStoreUnavailableException(
                new IllegalStateException("Keycloak datasource '" + DATASOURCE + "' is not configured"));
    }
}
