package io.fenz.identity.app;

import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.platform.error.Validator;
import jakarta.inject.Inject;
import java.time.Clock;

/** Revokes the caller's refresh token; idempotent, and never touches someone else's token. */
public final class LogOut {
  public record Command(long userId, String refreshToken) {}

  private final RefreshTokenStore refreshTokens;
  private final Clock clock;

  @Inject
  public LogOut(RefreshTokenStore refreshTokens, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  public void execute(Command command) {
    new Validator().required("refreshToken", command.refreshToken()).throwIfInvalid();
    refreshTokens.findByHash(SessionIssuer.hash(command.refreshToken()))
        .filter(token -> token.userId() == command.userId() && !token.isRevoked())
        .ifPresent(token -> refreshTokens.revokeFamily(token.familyId(), clock.instant()));
  }
}
