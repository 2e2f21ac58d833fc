package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.LoginThrottle;
import io.fenz.identity.port.PasswordHasher;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * Password login. Unknown email and wrong password get the same answer. Failures are throttled per
 * account (its canonical email), whatever address they come from, so spreading guesses over many
 * addresses or look-alike spellings gains nothing; each client address also has a limit on
 * attempts.
 */
public final class LogIn {
  public record Command(String email, String password, String clientAddress) {}

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final SessionIssuer sessions;

  /**
   * Checked when the email is unknown, so both paths cost one bcrypt check at the configured cost.
   */
  private final String unknownUserHash;

  @Inject
  public LogIn(
      UserRepository users,
      PasswordHasher passwords,
      LoginThrottle throttle,
      SessionIssuer sessions) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.sessions = sessions;
    this.unknownUserHash = passwords.hash("unknown-user-" + System.nanoTime());
  }

  public Session execute(Command command) {
    return UseCaseSpan.call("LogIn", () -> perform(command));
  }

  private Session perform(Command command) {
    Validator v = new Validator();
    v.required("email", command.email()).required("password", command.password());
    v.throwIfInvalid();
    countAttempt(throttle, command.clientAddress());
    String throttleKey = AccountRules.canonicalEmail(command.email());
    Optional<Duration> blocked = throttle.blockedFor(throttleKey);
    if (blocked.isPresent()) {
      throw FenzException.rateLimited(
          "Too many failed logins; try again later.", seconds(blocked.get()));
    }
    Optional<User> found = users.findByEmail(command.email());
    boolean passwordOk =
        passwords.matches(
            command.password(), found.map(User::passwordHash).orElse(unknownUserHash));
    if (found.isEmpty() || !passwordOk) {
      throttle.recordFailure(throttleKey);
      throw FenzException.unauthenticated("invalid_credentials", "Email or password is wrong.");
    }
    User user = found.get();
    if (user.hidden()) {
      throw FenzException.forbidden(
          "account_hidden", "This account is hidden; ask an administrator to restore it.");
    }
    throttle.reset(throttleKey);
    return new Session(user, sessions.issue(user));
  }

  /** Counts a login or registration against the client address's limit; 429 when it is over. */
  static void countAttempt(LoginThrottle throttle, String clientAddress) {
    Optional<Duration> wait = throttle.attempt(clientAddress);
    if (wait.isPresent()) {
      throw FenzException.rateLimited(
          "Too many sign-in attempts from your address; try again later.", seconds(wait.get()));
    }
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
