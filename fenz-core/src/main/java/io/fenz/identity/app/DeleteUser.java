package io.fenz.identity.app;

import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import jakarta.inject.Inject;

/** Admin deletes an account; rows it owns go with it (foreign keys cascade). */
public final class DeleteUser {
  public record Command(long actorId, long targetId) {}

  private final UserRepository users;
  private final AdminGuard guard;
  private final TransactionRunner transactions;

  @Inject
  public DeleteUser(UserRepository users, AdminGuard guard, TransactionRunner transactions) {
    this.users = users;
    this.guard = guard;
    this.transactions = transactions;
  }

  public void execute(Command command) {
    guard.requireAdmin(command.actorId());
    guard.refuseSelf(command.actorId(), command.targetId(), "delete");
    transactions.inTransaction(() -> {
      guard.keepAnAdmin(guard.requireTarget(command.targetId()));
      users.delete(command.targetId());
    });
  }
}
