package io.fenz.identity.app;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.User;
import jakarta.inject.Inject;

/** Self-service sign-up: a USER account with its channel, signed in at once. */
public final class RegisterUser {
  public record Command(String email, String password, String displayName) {}

  private final CreateAccount createAccount;
  private final SessionIssuer sessions;

  @Inject
  public RegisterUser(CreateAccount createAccount, SessionIssuer sessions) {
    this.createAccount = createAccount;
    this.sessions = sessions;
  }

  public Session execute(Command command) {
    User user = createAccount.execute(new CreateAccount.Command(command.email(), command.password(), command.displayName(), Role.USER));
    return new Session(user, sessions.issue(user));
  }
}
