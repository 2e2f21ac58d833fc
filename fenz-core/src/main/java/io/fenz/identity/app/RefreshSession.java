package io.fenz.identity.app;

import io.fenz.identity.domain.RefreshToken;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Trades a refresh token for a new pair and revokes the old one (rotation). Presenting a
 * token that was already rotated means it leaked: the whole family is revoked.
 */
public final class RefreshSession {
  public record Command(String refreshToken) {}

  private final RefreshTokenStore refreshTokens;
  private final UserRepository users;
  private final SessionIssuer sessions;
  private final Clock clock;

  @Inject
  public RefreshSession(RefreshTokenStore refreshTokens, UserRepository users, SessionIssuer sessions,
                        Clock clock) {
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
  }

  public Session execute(Command command) {
    new Validator().required("refreshToken", command.refreshToken()).throwIfInvalid();
    Instant now = clock.instant();
    RefreshToken token = refreshTokens.findByHash(SessionIssuer.hash(command.refreshToken()))
        .orElseThrow(RefreshSession::invalid);
    if (token.isRevoked() || !refreshTokens.revoke(token.id(), now)) {
      refreshTokens.revokeFamily(token.familyId(), now);
      throw FenzException.unauthenticated("refresh_token_reused", "This refresh token was already used; sign in again.");
    }
    if (!token.expiresAt().isAfter(now)) {
      throw invalid();
    }
    User user = users.findById(token.userId()).filter(u -> !u.hidden()).orElseThrow(RefreshSession::invalid);
    return new Session(user, sessions.issue(user, token.familyId()));
  }

  private static FenzException invalid() {
    return FenzException.unauthenticated("invalid_refresh_token", "The refresh token is invalid or expired.");
  }
}
