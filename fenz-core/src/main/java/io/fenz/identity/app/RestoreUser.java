package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import jakarta.inject.Inject;

/** Admin makes a hidden account visible again (with its channel and videos). */
public final class RestoreUser {
  public record Command(long actorId, long targetId) {}

  private final UserRepository users;
  private final AdminGuard guard;

  @Inject
  public RestoreUser(UserRepository users, AdminGuard guard) {
    this.users = users;
    this.guard = guard;
  }

  public User execute(Command command) {
    guard.requireAdmin(command.actorId());
    User target = guard.requireTarget(command.targetId());
    User restored = new User(target.id(), target.email(), target.passwordHash(), target.displayName(), target.role(), false, target.createdAt());
    users.update(restored);
    return restored;
  }
}
