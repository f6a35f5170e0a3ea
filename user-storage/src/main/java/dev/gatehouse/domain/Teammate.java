package dev.gatehouse.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the store's {@code teammate} table: an invitation, or once accepted, a member.
 *
 * @param accountId the team's account, whose owner invited
 * @param memberId the teammate's own account, {@code null} while the invitation is pending
 * @param memberUsername that account's username as typed, {@code null} while pending
 */
public record Teammate(
        UUID id,
        UUID accountId,
        UUID memberId,
        String memberUsername,
        String inviteEmail,
        TeammateLevel level,
        String invitedBy,
        Instant createdAt,
        Instant acceptedAt) {

    public boolean accepted() {
        return memberId != null;
    }
}
