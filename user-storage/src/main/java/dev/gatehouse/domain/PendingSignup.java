package dev.gatehouse.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A signup waiting for its e-mail confirmation (SPEC P2.1): it reserves the username and the
 * address, and becomes an account with the same id when its link is followed.
 *
 * @param passwordHash the bcrypt hash of the password chosen at signup
 */
public record PendingSignup(UUID id, String username, String email, String passwordHash, Instant expiresAt) {}
