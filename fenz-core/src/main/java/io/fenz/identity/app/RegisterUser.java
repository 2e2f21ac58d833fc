package io.fenz.identity.app;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.LoginThrottle;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * Self-service sign-up: a USER account with its channel, signed in at once; counted against the
 * address's attempts.
 */
public final class RegisterUser {
  public record Command(String email, String password, String displayName, String clientAddress) {}

  private final CreateAccount createAccount;
  private final SessionIssuer sessions;
  private final LoginThrottle throttle;

  @Inject
  public RegisterUser(CreateAccount createAccount, SessionIssuer sessions, LoginThrottle throttle) {
    this.createAccount = createAccount;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  public Session execute(Command command) {
    return UseCaseSpan.call("RegisterUser", () -> perform(command));
  }

  private Session perform(Command command) {
    LogIn.countAttempt(throttle, command.clientAddress());
    User user =
        createAccount.execute(
            new CreateAccount.Command(
                command.email(), command.password(), command.displayName(), Role.USER));
    return new Session(user, sessions.issue(user));
  }
}
