package dev.gatehouse.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The legacy API credential check (SPEC P5.2): {@code api_user} plus {@code api_key} to an
 * outcome. Every kind of bad credentials ends in the same {@link BadCredentials} outcome, and a
 * key's account state is looked at only after its secret matched. The key and its account are
 * read together, in one round trip to the store.
 */
public final class ApiKeyCheck {

    /** The {@code api_user} with which SMTP relays authenticate by the key alone. */
    public static final String KEY_ONLY_USER = "apikey";

    /**
     * A key row as the check needs it, with its account as it is now (effective status included);
     * no account when the row names none that exists.
     */
    public record StoredKey(
            String id,
            byte[] secretHash,
            boolean revoked,
            boolean lastUsedStale,
            boolean expired,
            Set<KeyScope> scopes,
            Optional<Account> account) {}

    /** Where the check reads keys and records their use. */
    public interface KeyStore {
        /** The key and its account, read at once. */
        Optional<StoredKey> findForCheck(String keyId);

        void touch(String keyId);
    }

    public sealed interface Outcome permits Success, BadCredentials, Refused {}

    /** A good key: its account and what it may do now, never more than the account's level allows. */
    public record Success(UUID accountId, Set<KeyScope> scopes) implements Outcome {}

    /** Why the credentials were bad: for logs and counters only, never for the client. */
    public enum Failure {
        MALFORMED_KEY,
        UNKNOWN_KEY,
        WRONG_SECRET,
        REVOKED_KEY,
        EXPIRED_KEY,
        /** None of the key's scopes is left at the account's current teammate level. */
        NO_SCOPE_LEFT,
        UNKNOWN_USER,
        ACCOUNT_HIDDEN
    }

    public record BadCredentials(Failure failure) implements Outcome {}

    public record Refused(AccessDecision decision, UUID accountId) implements Outcome {}

    private final ApiKeyFormat format;
    private final KeyStore keys;
    private final AccountPolicy policy;

    public ApiKeyCheck(ApiKeyFormat format, KeyStore keys, AccountPolicy policy) {
        this.format = format;
        this.keys = keys;
        this.policy = policy;
    }

    public Outcome check(String apiUser, String apiKey) {
        Optional<ApiKeyFormat.Parsed> parsed = format.parse(apiKey);
        if (parsed.isEmpty()) {
            return new BadCredentials(Failure.MALFORMED_KEY);
        }
        Optional<StoredKey> stored = keys.findForCheck(parsed.get().keyId());
        boolean secretMatches = ApiKeyFormat.matches(
                parsed.get().secret(), stored.map(StoredKey::secretHash).orElse(null));
        if (stored.isEmpty()) {
            return new BadCredentials(Failure.UNKNOWN_KEY);
        }
        if (!secretMatches) {
            return new BadCredentials(Failure.WRONG_SECRET);
        }
        if (stored.get().revoked()) {
            return new BadCredentials(Failure.REVOKED_KEY);
        }
        if (stored.get().expired()) {
            return new BadCredentials(Failure.EXPIRED_KEY);
        }
        Optional<Account> account = stored.get().account();
        if (account.isEmpty() || !namesAccount(apiUser, account.get())) {
            return new BadCredentials(Failure.UNKNOWN_USER);
        }
        AccessDecision decision = policy.apiKeyAccess(account.get());
        return switch (decision.verdict()) {
            case ALLOW -> {
                Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
                scopes.addAll(stored.get().scopes());
                scopes.retainAll(KeyScope.allowedFor(TeamRole.of(account.get()).level()));
                if (scopes.isEmpty()) {
                    yield new BadCredentials(Failure.NO_SCOPE_LEFT);
                }
                if (stored.get().lastUsedStale()) {
                    keys.touch(stored.get().id());
                }
                yield new Success(account.get().id(), scopes);
            }
            case REFUSE -> new Refused(decision, account.get().id());
            case INVALID_CREDENTIALS -> new BadCredentials(Failure.ACCOUNT_HIDDEN);
        };
    }

    private static boolean namesAccount(String apiUser, Account account) {
        String user = Identifiers.key(apiUser);
        return user.equals(KEY_ONLY_USER) || user.equals(Identifiers.key(account.username()));
    }
}
