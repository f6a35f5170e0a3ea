package dev.gatehouse.domain;

/**
 * The one place that decides what an account's effective status blocks on each access path
 * (STYLE "One policy, one place"). Paths ask it after the credentials were proven and never
 * re-derive the rules themselves. Plain Java, no Keycloak: unit-tested exhaustively.
 */
public final class AccountPolicy {

    /**
     * The own status a termination changes; any other is left as it is. The billing sweep's SQL
     * selects its candidates by it ({@code TerminationRuleDbTest} holds the two to one rule).
     */
    public static final AccountStatus TERMINABLE = AccountStatus.ACTIVE;

    /** The status that refuses a termination wherever it comes from: the account's own, a parent's or its team's. */
    public static final AccountStatus TERMINATION_BLOCKER = AccountStatus.BANNED;

    /**
     * Logins and sessions (browser, direct grant, refresh and offline tokens, SSO cookie): only
     * active accounts; the others are refused, and the login pages say why once the password was
     * proven (SPEC P6.3, P7.3).
     */
    public AccessDecision login(AccountStatus effectiveStatus) {
        return new AccessDecision(
                effectiveStatus == AccountStatus.ACTIVE ? AccessDecision.Verdict.ALLOW : AccessDecision.Verdict.REFUSE,
                effectiveStatus);
    }

    /**
     * The legacy API-key check (SPEC P5.2, P5.3): active accounts pass; terminated accounts (and
     * sub-users of one) are refused with the reason; banned accounts answer as bad credentials,
     * since their keys were deleted by the ban (SPEC P7.1) and a key row left behind must not
     * reveal the ban.
     */
    public AccessDecision apiKeyAccess(Account account) {
        AccountStatus status = account.effectiveStatus();
        return switch (status) {
            case ACTIVE -> new AccessDecision(AccessDecision.Verdict.ALLOW, status);
            case TERMINATED -> new AccessDecision(AccessDecision.Verdict.REFUSE, status);
            case BANNED -> new AccessDecision(AccessDecision.Verdict.INVALID_CREDENTIALS, status);
        };
    }

    /**
     * A manual termination by support (SPEC P6): top-level accounts only, since sub-users are
     * terminated through their parent; banned ones stay banned (SPEC P7.2).
     */
    public StatusChange termination(Account account) {
        if (account.status() == TERMINATION_BLOCKER || account.effectiveStatus() == TERMINATION_BLOCKER) {
            return StatusChange.REFUSE_BANNED;
        }
        if (account.parentId() != null) {
            return StatusChange.REFUSE_SUB_USER;
        }
        return account.status() == TERMINABLE ? StatusChange.APPLY : StatusChange.UNCHANGED;
    }

    /**
     * Reinstatement (SPEC P6.4, P7.2): never for a banned account or a sub-user of one; a
     * terminated account only once no invoice from before the current month is unpaid.
     *
     * @param unpaidBeforeThisMonth whether the account has an unpaid invoice of an earlier month
     */
    public StatusChange reinstatement(Account account, boolean unpaidBeforeThisMonth) {
        if (account.status() == AccountStatus.BANNED || account.effectiveStatus() == AccountStatus.BANNED) {
            return StatusChange.REFUSE_BANNED;
        }
        if (account.status() == AccountStatus.ACTIVE) {
            return StatusChange.UNCHANGED;
        }
        return unpaidBeforeThisMonth ? StatusChange.REFUSE_UNPAID : StatusChange.APPLY;
    }

    /**
     * Creating, listing and revoking one's own API keys with an access token: only active
     * accounts; the owner's token proves the credentials, so the reason may be shown.
     */
    public AccessDecision ownKeyManagement(Account account) {
        AccountStatus status = account.effectiveStatus();
        return new AccessDecision(
                status == AccountStatus.ACTIVE ? AccessDecision.Verdict.ALLOW : AccessDecision.Verdict.REFUSE, status);
    }

    /**
     * Whether an account may accept an invitation to a team (SPEC P8.1): with the confirmed
     * address the invitation was sent to, not the team's own account nor a teammate already, and
     * without sub-users or teammates of its own, since a teammate's effective status follows its
     * team's one level up only; both accounts active.
     *
     * @param inviteEmailKey the invitation's address, as an {@link Identifiers#key} of it
     * @param inviteeHasMembers whether the invitee has sub-users, teammates or invitations of its own
     */
    public TeammateAcceptance teammateAcceptance(
            Account invitee, Account team, String inviteEmailKey, boolean inviteeHasMembers) {
        if (invitee.email() == null
                || !invitee.emailConfirmed()
                || !Identifiers.key(invitee.email()).equals(inviteEmailKey)) {
            return TeammateAcceptance.REFUSE_OTHER_ADDRESS;
        }
        if (invitee.id().equals(team.id())) {
            return TeammateAcceptance.REFUSE_OWN_ACCOUNT;
        }
        if (invitee.teamId() != null || team.teamId() != null) {
            return TeammateAcceptance.REFUSE_ALREADY_TEAMMATE;
        }
        if (inviteeHasMembers) {
            return TeammateAcceptance.REFUSE_HAS_MEMBERS;
        }
        if (invitee.effectiveStatus() != AccountStatus.ACTIVE || team.effectiveStatus() != AccountStatus.ACTIVE) {
            return TeammateAcceptance.REFUSE_INACTIVE;
        }
        return TeammateAcceptance.APPLY;
    }

    /** Managing one's own API keys (SPEC S4): the owner, {@code admin} and {@code developer} teammates. */
    public boolean apiKeyManagement(TeamRole role) {
        return role.level().managesApiKeys();
    }

    /** Managing teammates and reading the activity (SPEC P8): the owner and {@code admin} teammates. */
    public boolean teamManagement(TeamRole role) {
        return role.level().managesTeam();
    }
}
