package io.fenz.identity.app;

import io.fenz.identity.domain.RefreshToken;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Trades a refresh token for a new pair and revokes the old one (rotation). Presenting a token that
 * was already rotated means it leaked, and the whole family is revoked, except within the reuse
 * window ({@code FENZ_REFRESH_REUSE_WINDOW}) after the rotation: several tabs refreshing one
 * session at once all get the same successor (with their own access token) instead of signing the
 * user out.
 */
public final class RefreshSession {
  public record Command(String refreshToken) {}

  private final RefreshTokenStore refreshTokens;
  private final UserRepository users;
  private final SessionIssuer sessions;
  private final AccountStates accounts;
  private final TransactionRunner transactions;
  private final Duration reuseWindow;
  private final Clock clock;

  @Inject
  public RefreshSession(
      RefreshTokenStore refreshTokens,
      UserRepository users,
      SessionIssuer sessions,
      AccountStates accounts,
      TransactionRunner transactions,
      FenzConfig.Auth auth,
      Clock clock) {
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.sessions = sessions;
    this.accounts = accounts;
    this.transactions = transactions;
    this.reuseWindow = auth.refreshReuseWindow();
    this.clock = clock;
  }

  public Session execute(Command command) {
    return UseCaseSpan.call("RefreshSession", () -> perform(command));
  }

  private Session perform(Command command) {
    new Validator().requiredToken("refreshToken", command.refreshToken()).throwIfInvalid();
    String presented = command.refreshToken();
    Instant now = clock.instant();
    RefreshToken token =
        refreshTokens
            .findByHash(SessionIssuer.hash(presented))
            .orElseThrow(RefreshSession::invalid);
    if (!token.expiresAt().isAfter(now)) {
      throw invalid();
    }
    User user =
        users
            .findById(token.userId())
            .filter(u -> !u.hidden())
            .orElseThrow(RefreshSession::invalid);
    if (!token.isRevoked()) {
      // The revoke and the successor commit together: a racing refresh waits on the row lock, then
      // finds the successor.
      Optional<Session> rotated =
          transactions.inTransaction(
              () ->
                  refreshTokens.revoke(token.id(), now)
                      ? Optional.of(
                          new Session(user, sessions.rotate(user, token.familyId(), presented)))
                      : Optional.empty());
      if (rotated.isPresent()) {
        return rotated.get();
      }
    }
    return recentSuccessor(presented, now, user)
        .orElseThrow(
            () -> {
              refreshTokens.revokeFamily(token.familyId(), now);
              accounts.changed(user.id());
              return FenzException.unauthenticated(
                  "refresh_token_reused", "This refresh token was already used; sign in again.");
            });
  }

  /**
   * The live successor of a token rotated less than the reuse window ago, re-issued with a fresh
   * access token.
   */
  private Optional<Session> recentSuccessor(String presented, Instant now, User user) {
    Optional<RefreshToken> rotated = refreshTokens.findByHash(SessionIssuer.hash(presented));
    if (rotated.isEmpty()
        || !rotated.get().isRevoked()
        || rotated.get().revokedAt().plus(reuseWindow).isBefore(now)) {
      return Optional.empty();
    }
    String successor = sessions.successorOf(presented);
    return refreshTokens
        .findByHash(SessionIssuer.hash(successor))
        .filter(
            next ->
                !next.isRevoked()
                    && next.familyId().equals(rotated.get().familyId())
                    && next.expiresAt().isAfter(now))
        .map(
            next ->
                new Session(
                    user, sessions.reissue(user, next.familyId(), successor, next.expiresAt())));
  }

  private static FenzException invalid() {
    return FenzException.unauthenticated(
        "invalid_refresh_token", "The refresh token is invalid or expired.");
  }
}
