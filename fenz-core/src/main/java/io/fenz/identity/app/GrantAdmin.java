package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Operator bootstrap (`fenz admin create-admin`, `fenz dev`): promotes an existing account to
 * admin, or creates one with the given password. Idempotent.
 */
public final class GrantAdmin {
  public record Command(String email, String password, String displayName) {}

  public record Result(User user, boolean created) {}

  private final UserRepository users;
  private final CreateAccount createAccount;
  private final AccountStates accounts;

  @Inject
  public GrantAdmin(UserRepository users, CreateAccount createAccount, AccountStates accounts) {
    this.users = users;
    this.createAccount = createAccount;
    this.accounts = accounts;
  }

  public Result execute(Command command) {
    return UseCaseSpan.call("GrantAdmin", () -> perform(command));
  }

  private Result perform(Command command) {
    Optional<User> existing = users.findByEmail(AccountRules.normalizeEmail(command.email()));
    if (existing.isPresent()) {
      User user = existing.get();
      User admin =
          new User(
              user.id(),
              user.email(),
              user.passwordHash(),
              user.displayName(),
              Role.ADMIN,
              false,
              user.createdAt());
      users.update(admin);
      accounts.changed(user.id());
      return new Result(admin, false);
    }
    String name = command.displayName() == null ? "Admin" : command.displayName();
    return new Result(
        createAccount.execute(
            new CreateAccount.Command(command.email(), command.password(), name, Role.ADMIN)),
        true);
  }
}
