package dev.gatehouse.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the load run's bans were sent and acknowledged, per account, sub-users included (a ban
 * covers the account's subtree). The Admin API answers after the ban's store transaction
 * committed, so the acknowledgement time is an upper bound of the commit time: any success of a
 * request started after it is a post-ban success.
 */
final class BanLedger {

    private final Map<UUID, List<UUID>> children;
    private final Map<UUID, Long> sent = new ConcurrentHashMap<>();
    private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();

    BanLedger(Map<UUID, List<UUID>> children) {
        this.children = children;
    }

    /** Recorded before the ban request leaves, so a refusal it causes always finds it. */
    void sent(UUID account, long epochMillis) {
        subtree(account).forEach(member -> sent.merge(member, epochMillis, Math::min));
    }

    void acknowledged(UUID account, long epochMillis) {
        subtree(account).forEach(member -> acknowledged.merge(member, epochMillis, Math::min));
    }

    /** When the first ban covering the account was sent; null if none was. */
    Long sentAt(UUID account) {
        return sent.get(account);
    }

    /** When the first ban covering the account was acknowledged; null if none was. */
    Long acknowledgedAt(UUID account) {
        return acknowledged.get(account);
    }

    int accountsBanned() {
        return acknowledged.size();
    }

    private List<UUID> subtree(UUID account) {
        List<UUID> members = new java.util.ArrayList<>(List.of(account));
        for (int i = 0; i < members.size(); i++) {
            members.addAll(children.getOrDefault(members.get(i), List.of()));
        }
        return members;
    }
}
