package io.fenz.identity.port;

import io.fenz.identity.domain.RefreshToken;
import java.time.Instant;
import java.util.Optional;

public interface RefreshTokenStore {
  void save(long userId, String familyId, String tokenHash, Instant createdAt, Instant expiresAt);

  Optional<RefreshToken> findByHash(String tokenHash);

  /** Revokes one token if still active; false when someone else revoked it first. */
  boolean revoke(long tokenId, Instant at);

  void revokeFamily(String familyId, Instant at);

  void revokeAllOfUser(long userId, Instant at);

  /** Deletes tokens that expired before {@code before}; returns how many. */
  int deleteExpired(Instant before);
}
