package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.ChannelDirectory;
import io.fenz.identity.port.PasswordHasher;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Creates a user and its channel in one transaction (registration, admin create, operator CLI). */
public final class CreateAccount {
  public record Command(String email, String password, String displayName, Role role) {}

  private final UserRepository users;
  private final ChannelDirectory channels;
  private final PasswordHasher passwords;
  private final TransactionRunner transactions;

  @Inject
  public CreateAccount(
      UserRepository users,
      ChannelDirectory channels,
      PasswordHasher passwords,
      TransactionRunner transactions) {
    this.users = users;
    this.channels = channels;
    this.passwords = passwords;
    this.transactions = transactions;
  }

  public User execute(Command command) {
    return UseCaseSpan.call("CreateAccount", () -> perform(command));
  }

  private User perform(Command command) {
    Validator v = new Validator();
    AccountRules.email(v, "email", command.email());
    AccountRules.password(v, "password", command.password());
    AccountRules.displayName(v, "displayName", command.displayName());
    v.throwIfInvalid();
    String email = AccountRules.normalizeEmail(command.email());
    String displayName = AccountRules.normalizeDisplayName(command.displayName());
    String hash = passwords.hash(command.password());
    try {
      return transactions.inTransaction(
          () -> {
            User user =
                users.insert(new UserRepository.NewUser(email, hash, displayName, command.role()));
            channels.createChannelFor(user.id(), displayName);
            return user;
          });
    } catch (UserRepository.EmailTakenException e) {
      throw FenzException.conflict("email_taken", "An account with this email already exists.");
    }
  }
}
