package dev.gatehouse.support;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Every e-mail Gatehouse sends, on Keycloak's executor pool {@value #EXECUTOR}, never on the request
 * thread (SPEC S1): rendering and SMTP cost tens of milliseconds, which would tell an outsider that
 * an address has an account, and a slow SMTP server would hold the page. A request's e-mails leave
 * once its transaction has committed (none when it rolls back), each in a session of its own; at
 * most {@value #CAPACITY} wait per node, beyond which an e-mail is dropped with a log line, as is one
 * whose send fails. The page that queued it reads the same either way.
 *
 * <p>An e-mail a request queued leaves {@value #DELAY_MILLIS} ms after the commit, not at once:
 * the commit comes before the answer is written, and rendering and sending beside it would still
 * slow that answer on a busy node. Whatever else decides an e-mail's content (is the account
 * linked, its reset link, its signature) is worked out then too, in the e-mail's own session
 * ({@link Job}), so that the request does the same work whether or not an e-mail follows.
 */
public final class MailQueue {

    /** Keycloak's executor pool the e-mails are sent on ({@code --spi-executors--default--…} sizes it). */
    public static final String EXECUTOR = "gatehouse-mail";

    /** E-mails waiting or being sent on one node, at most. */
    public static final int CAPACITY = 1000;

    /** How long after its request's commit an e-mail starts on its way. */
    public static final long DELAY_MILLIS = 500;

    private static final AtomicInteger WAITING = new AtomicInteger();
    private static final Logger LOG = Logger.getLogger(MailQueue.class);

    /** How one e-mail is rendered and sent, given the template provider set up for its realm and recipient. */
    @FunctionalInterface
    public interface Mail {
        void send(EmailTemplateProvider templates) throws EmailException;
    }

    /**
     * An e-mail whose content is decided when it is sent, in the sending session: which template,
     * and anything that needs a store read or a signature.
     */
    @FunctionalInterface
    public interface Job {
        void send(KeycloakSession session, RealmModel realm, EmailTemplateProvider templates) throws EmailException;
    }

    private MailQueue() {}

    /**
     * Template attributes to start from: the recipient's locale (taken from the request when the
     * e-mail was queued) decides the language, since the sending session has no request.
     */
    public static Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        return attributes;
    }

    /**
     * Queues an e-mail to {@code email} (greeted as {@code username}) for when the session's
     * transaction commits. {@code what} names it in the log, never the address.
     */
    public static void afterCommit(
            KeycloakSession session, RealmModel realm, String username, String email, String what, Mail mail) {
        afterCommit(session, realm, username, email, what, (sending, sendingRealm, templates) -> mail.send(templates));
    }

    /** As {@link #afterCommit(KeycloakSession, RealmModel, String, String, String, Mail)}, with the sending session at hand. */
    public static void afterCommit(
            KeycloakSession session, RealmModel realm, String username, String email, String what, Job mail) {
        String locale = requestLocale(session);
        queue(
                session,
                realm,
                what,
                (sending, sendingRealm) ->
                        mail.send(sending, sendingRealm, templates(sending, sendingRealm, username, email, locale)));
    }

    /**
     * An e-mail to a Keycloak user who is looked up only when it is sent, in the sending session:
     * the request that queues it names the user by id and reads nothing about it (SPEC S1).
     * Nothing is sent if by then the user is gone, disabled or has no address.
     */
    @FunctionalInterface
    public interface UserJob {
        void send(KeycloakSession session, RealmModel realm, UserModel user, EmailTemplateProvider templates)
                throws EmailException;
    }

    /** Queues a {@link UserJob} for when the session's transaction commits. */
    public static void afterCommitToUser(
            KeycloakSession session, RealmModel realm, String userId, String what, UserJob mail) {
        String locale = requestLocale(session);
        queue(session, realm, what, (sending, sendingRealm) -> {
            UserModel user = sending.users().getUserById(sendingRealm, userId);
            if (user == null
                    || !user.isEnabled()
                    || user.getEmail() == null
                    || user.getEmail().isBlank()) {
                LOG.debugf("E-mail %s not sent: its user is gone, disabled or has no address", what);
                return;
            }
            mail.send(
                    sending,
                    sendingRealm,
                    user,
                    templates(sending, sendingRealm, user.getUsername(), user.getEmail(), locale));
        });
    }

    /** What an e-mail does in its sending session, once its realm is found. */
    @FunctionalInterface
    private interface Sending {
        void run(KeycloakSession session, RealmModel realm) throws EmailException;
    }

    private static void queue(KeycloakSession session, RealmModel realm, String what, Sending sending) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        Executor executor = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                execute(later(executor, what), what, () -> send(factory, realmId, what, sending));
            }

            @Override
            protected void rollbackImpl() {
                // Nothing happened that an e-mail could tell.
            }
        });
    }

    /**
     * Queues a themed e-mail ({@code template} with a subject message key and no subject arguments)
     * for when the session's transaction commits: the common case of {@link #afterCommit(KeycloakSession,
     * RealmModel, String, String, String, Mail)}.
     */
    public static void afterCommit(
            KeycloakSession session,
            RealmModel realm,
            String username,
            String email,
            String subject,
            String template,
            Map<String, Object> attributes) {
        afterCommit(
                session,
                realm,
                username,
                email,
                template,
                templates -> templates.send(subject, List.of(), template, attributes));
    }

    /**
     * Renders and sends an e-mail now, in this session, to a Keycloak user of the realm (the admin
     * actions' notices, the billing job's warnings, whose work has committed already). A failure is
     * logged, naming {@code what}, never the address.
     *
     * @return whether it was sent
     */
    public static boolean sendNow(
            KeycloakSession session,
            RealmModel realm,
            UserModel user,
            String what,
            String subject,
            List<Object> subjectArgs,
            String template,
            Map<String, Object> attributes) {
        try {
            templates(session, realm, user).send(subject, subjectArgs, template, attributes);
            return true;
        } catch (EmailException e) {
            LOG.warnf("E-mail %s not sent in realm %s: %s", what, realm.getName(), e);
            return false;
        }
    }

    /** The template provider for one recipient: the realm's e-mail theme, the recipient's locale. */
    private static EmailTemplateProvider templates(KeycloakSession session, RealmModel realm, UserModel user) {
        // The e-mail theme is the one of the context's realm; a scheduled task or queued send has none.
        session.getContext().setRealm(realm);
        return session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(user)
                .setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
    }

    /**
     * Runs work that sends e-mails (the billing notices, which commit their own transactions) on
     * the same bounded pool.
     */
    public static void execute(KeycloakSessionFactory factory, String what, Runnable work) {
        Executor executor = KeycloakModelUtils.runJobInTransactionWithResult(
                factory, session -> session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
        execute(executor, what, work);
    }

    private static void execute(Executor executor, String what, Runnable work) {
        if (WAITING.incrementAndGet() > CAPACITY) {
            WAITING.decrementAndGet();
            LOG.warnf("E-mail %s dropped: %d e-mails are already waiting on this node", what, CAPACITY);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "E-mail %s not sent", what);
                } finally {
                    WAITING.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            WAITING.decrementAndGet();
            // The node is stopping: its pool takes no more work.
            LOG.warnf("E-mail %s not sent: %s", what, e);
        }
    }

    /** The pool, {@value #DELAY_MILLIS} ms from now; a pool that stopped meanwhile drops the e-mail. */
    private static Executor later(Executor executor, String what) {
        Executor delayer = CompletableFuture.delayedExecutor(DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return task -> delayer.execute(() -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                WAITING.decrementAndGet();
                LOG.warnf("E-mail %s not sent: %s", what, e);
            }
        });
    }

    private static void send(KeycloakSessionFactory factory, String realmId, String what, Sending sending) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                LOG.warnf("E-mail %s not sent: its realm no longer exists", what);
                return;
            }
            // Keycloak's user lookups and the e-mail theme both need the context's realm.
            session.getContext().setRealm(realm);
            try {
                sending.run(session, realm);
            } catch (EmailException e) {
                LOG.warnf("E-mail %s not sent in realm %s: %s", what, realm.getName(), e);
            }
        });
    }

    /** The template provider for one recipient, in the request's language when it had one. */
    private static EmailTemplateProvider templates(
            KeycloakSession session, RealmModel realm, String username, String email, String locale) {
        MailRecipient recipient = new MailRecipient(session, realm, username, email);
        if (locale != null) {
            recipient.setSingleAttribute(UserModel.LOCALE, locale);
        }
        return templates(session, realm, recipient);
    }

    private static String requestLocale(KeycloakSession session) {
        try {
            Locale locale = session.getContext().resolveLocale(null);
            return locale == null ? null : locale.toLanguageTag();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
