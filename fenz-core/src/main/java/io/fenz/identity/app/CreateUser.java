package io.fenz.identity.app;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin creates an account (with its channel) of either role. */
public final class CreateUser {
  public record Command(
      long actorId, String email, String password, String displayName, Role role) {}

  private final CreateAccount createAccount;
  private final AdminGuard guard;

  @Inject
  public CreateUser(CreateAccount createAccount, AdminGuard guard) {
    this.createAccount = createAccount;
    this.guard = guard;
  }

  public User execute(Command command) {
    return UseCaseSpan.call("CreateUser", () -> perform(command));
  }

  private User perform(Command command) {
    guard.requireAdmin(command.actorId());
    Role role = command.role() == null ? Role.USER : command.role();
    return createAccount.execute(
        new CreateAccount.Command(
            command.email(), command.password(), command.displayName(), role));
  }
}
