package io.fenz.identity.app;

import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Ends the caller's session: revokes its refresh token (and its rotations), and the session's
 * access tokens stop working at once. Never touches someone else's token.
 */
public final class LogOut {
  public record Command(long userId, String refreshToken) {}

  private final RefreshTokenStore refreshTokens;
  private final AccountStates accounts;
  private final Clock clock;

  @Inject
  public LogOut(RefreshTokenStore refreshTokens, AccountStates accounts, Clock clock) {
    this.refreshTokens = refreshTokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  public void execute(Command command) {
    UseCaseSpan.run("LogOut", () -> perform(command));
  }

  private void perform(Command command) {
    new Validator().requiredToken("refreshToken", command.refreshToken()).throwIfInvalid();
    String presented = command.refreshToken();
    refreshTokens
        .findByHash(SessionIssuer.hash(presented))
        .filter(token -> token.userId() == command.userId() && !token.isRevoked())
        .ifPresent(
            token -> {
              refreshTokens.revokeFamily(token.familyId(), clock.instant());
              accounts.changed(command.userId());
            });
  }
}
