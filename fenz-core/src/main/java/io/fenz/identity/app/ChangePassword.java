package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.TokenPair;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.PasswordHasher;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Changes the password after checking the current one, signs out every session (all refresh tokens
 * revoked, the session generation bumped so every access token stops at once) and hands the caller
 * a fresh pair.
 */
public final class ChangePassword {
  public record Command(long userId, String currentPassword, String newPassword) {}

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final RefreshTokenStore refreshTokens;
  private final SessionIssuer sessions;
  private final TransactionRunner transactions;
  private final AccountStates accounts;
  private final Clock clock;

  @Inject
  public ChangePassword(
      UserRepository users,
      PasswordHasher passwords,
      RefreshTokenStore refreshTokens,
      SessionIssuer sessions,
      TransactionRunner transactions,
      AccountStates accounts,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.refreshTokens = refreshTokens;
    this.sessions = sessions;
    this.transactions = transactions;
    this.accounts = accounts;
    this.clock = clock;
  }

  public TokenPair execute(Command command) {
    return UseCaseSpan.call("ChangePassword", () -> perform(command));
  }

  private TokenPair perform(Command command) {
    Validator v = new Validator().required("currentPassword", command.currentPassword());
    AccountRules.password(v, "newPassword", command.newPassword()).throwIfInvalid();
    User user = GetProfile.activeUser(users, command.userId());
    if (!passwords.matches(command.currentPassword(), user.passwordHash())) {
      throw FenzException.validation(
          List.of(
              new FieldError(
                  "currentPassword", "wrong_password", "The current password is wrong.")));
    }
    String hash = passwords.hash(command.newPassword());
    TokenPair fresh =
        transactions.inTransaction(
            () -> {
              users.updatePasswordHash(user.id(), hash);
              refreshTokens.revokeAllOfUser(user.id(), clock.instant());
              users.bumpSessionGeneration(user.id());
              return sessions.issue(user);
            });
    accounts.changed(user.id());
    return fresh;
  }
}
