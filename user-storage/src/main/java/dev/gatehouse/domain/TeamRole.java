package dev.gatehouse.domain;

import java.util.UUID;

/**
 * What an account is to its team: the team's account (its own, for an owner) and its level.
 *
 * @param teamId the account the caller acts for
 * @param level {@link TeammateLevel#OWNER} for an account that is nobody's teammate
 */
public record TeamRole(UUID teamId, TeammateLevel level) {

    public static TeamRole of(Account account) {
        return account.teamId() == null
                ? new TeamRole(account.id(), TeammateLevel.OWNER)
                : new TeamRole(account.teamId(), account.teamLevel());
    }
}
