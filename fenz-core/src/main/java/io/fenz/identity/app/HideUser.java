package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * Admin hides an account: it can't sign in, its sessions end, and its channel and videos disappear
 * from everyone else (and from the feed cache). Restorable.
 */
public final class HideUser {
  public record Command(long actorId, long targetId) {}

  private final AdminGuard guard;
  private final AccountLifecycle lifecycle;

  @Inject
  public HideUser(AdminGuard guard, AccountLifecycle lifecycle) {
    this.guard = guard;
    this.lifecycle = lifecycle;
  }

  public User execute(Command command) {
    return UseCaseSpan.call("HideUser", () -> perform(command));
  }

  private User perform(Command command) {
    guard.requireAdmin(command.actorId());
    guard.refuseSelf(command.actorId(), command.targetId(), "hide");
    return lifecycle.hide(command.targetId());
  }
}
