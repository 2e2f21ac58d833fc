package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin makes a hidden account visible again (with its channel and videos). */
public final class RestoreUser {
  public record Command(long actorId, long targetId) {}

  private final AdminGuard guard;
  private final AccountLifecycle lifecycle;

  @Inject
  public RestoreUser(AdminGuard guard, AccountLifecycle lifecycle) {
    this.guard = guard;
    this.lifecycle = lifecycle;
  }

  public User execute(Command command) {
    return UseCaseSpan.call("RestoreUser", () -> perform(command));
  }

  private User perform(Command command) {
    guard.requireAdmin(command.actorId());
    return lifecycle.restore(command.targetId());
  }
}
