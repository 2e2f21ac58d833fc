package io.fenz.identity.app;

import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin deletes an account and everything it owns (collect-then-delete). */
public final class DeleteUser {
  public record Command(long actorId, long targetId) {}

  private final AdminGuard guard;
  private final AccountLifecycle lifecycle;

  @Inject
  public DeleteUser(AdminGuard guard, AccountLifecycle lifecycle) {
    this.guard = guard;
    this.lifecycle = lifecycle;
  }

  public void execute(Command command) {
    UseCaseSpan.run("DeleteUser", () -> perform(command));
  }

  private void perform(Command command) {
    guard.requireAdmin(command.actorId());
    guard.refuseSelf(command.actorId(), command.targetId(), "delete");
    lifecycle.delete(command.targetId());
  }
}
