package dev.gatehouse.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an account's activity: who did what to a member's credentials or to the team, and when.
 *
 * @param memberId the member concerned (the owner's account or a teammate's), {@code null} once deleted
 * @param actor who did it: a member's username, or the admin ({@code <user>@<realm>})
 * @param action what, such as {@code password_changed} or {@code teammate_invited}
 * @param detail a key name, an address or a level, when the action has one
 */
public record Activity(UUID memberId, String actor, String action, String detail, Instant at) {}
