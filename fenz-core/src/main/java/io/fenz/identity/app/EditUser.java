package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin edits email, display name or role; absent fields stay. The last admin can't be demoted. */
public final class EditUser {
  public record Command(long actorId, long targetId, String email, String displayName, Role role) {}

  private final UserRepository users;
  private final AdminGuard guard;
  private final TransactionRunner transactions;
  private final AccountStates accounts;

  @Inject
  public EditUser(
      UserRepository users,
      AdminGuard guard,
      TransactionRunner transactions,
      AccountStates accounts) {
    this.users = users;
    this.guard = guard;
    this.transactions = transactions;
    this.accounts = accounts;
  }

  public User execute(Command command) {
    return UseCaseSpan.call("EditUser", () -> perform(command));
  }

  private User perform(Command command) {
    guard.requireAdmin(command.actorId());
    Validator v = new Validator();
    if (command.email() != null) {
      AccountRules.email(v, "email", command.email());
    }
    if (command.displayName() != null) {
      AccountRules.displayName(v, "displayName", command.displayName());
    }
    v.throwIfInvalid();
    try {
      User saved =
          transactions.inTransaction(
              () -> {
                User target = guard.requireTarget(command.targetId());
                if (command.role() == Role.USER) {
                  guard.keepAnAdmin(target);
                }
                User edited =
                    new User(
                        target.id(),
                        command.email() == null
                            ? target.email()
                            : AccountRules.normalizeEmail(command.email()),
                        target.passwordHash(),
                        command.displayName() == null
                            ? target.displayName()
                            : AccountRules.normalizeDisplayName(command.displayName()),
                        command.role() == null ? target.role() : command.role(),
                        target.hidden(),
                        target.createdAt());
                users.update(edited);
                return edited;
              });
      accounts.changed(saved.id());
      return saved;
    } catch (UserRepository.EmailTakenException e) {
      throw FenzException.conflict("email_taken", "An account with this email already exists.");
    }
  }
}
