package io.fenz.identity.adapter;

import io.fenz.identity.domain.RefreshToken;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

public final class JdbiRefreshTokenStore implements RefreshTokenStore {
  private final Database db;

  @Inject
  public JdbiRefreshTokenStore(Database db) {
    this.db = db;
  }

  @Override
  public void save(
      long userId, String familyId, String tokenHash, Instant createdAt, Instant expiresAt) {
    db.withHandle(
        h ->
            h.createUpdate(
                    """
            INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at)
            VALUES (:user, :family, :hash, :created, :expires)""")
                .bind("user", userId)
                .bind("family", familyId)
                .bind("hash", tokenHash)
                .bind("created", Utc.toDb(createdAt))
                .bind("expires", Utc.toDb(expiresAt))
                .execute());
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map(
                    (rs, ctx) ->
                        new RefreshToken(
                            rs.getLong("id"),
                            rs.getLong("user_id"),
                            rs.getString("family_id"),
                            Utc.fromDb(rs.getObject("expires_at", LocalDateTime.class)),
                            Utc.fromDb(rs.getObject("revoked_at", LocalDateTime.class))))
                .findOne());
  }

  @Override
  public boolean revoke(long tokenId, Instant at) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE refresh_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                    .bind("at", Utc.toDb(at))
                    .bind("id", tokenId)
                    .execute())
        == 1;
  }

  @Override
  public void revokeFamily(String familyId, Instant at) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE refresh_tokens SET revoked_at = :at WHERE family_id = :family AND revoked_at IS NULL")
                .bind("at", Utc.toDb(at))
                .bind("family", familyId)
                .execute());
  }

  @Override
  public void revokeAllOfUser(long userId, Instant at) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE refresh_tokens SET revoked_at = :at WHERE user_id = :user AND revoked_at IS NULL")
                .bind("at", Utc.toDb(at))
                .bind("user", userId)
                .execute());
  }

  @Override
  public int deleteExpired(Instant before) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM refresh_tokens WHERE expires_at < :before")
                .bind("before", Utc.toDb(before))
                .execute());
  }
}
