package io.fenz.identity.domain;

import java.time.Instant;

/** A stored refresh token (only its SHA-256 hash is kept). */
public record RefreshToken(
    long id, long userId, String familyId, Instant expiresAt, Instant revokedAt) {
  public boolean isRevoked() {
    return revokedAt != null;
  }
}
