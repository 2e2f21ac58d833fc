package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Admin rules shared by the admin use cases. The role is read from the database, not the token, so
 * a demoted or hidden admin loses its powers at once.
 */
public final class AdminGuard {
  private final UserRepository users;

  @Inject
  public AdminGuard(UserRepository users) {
    this.users = users;
  }

  public User requireAdmin(long actorId) {
    return users
        .findById(actorId)
        .filter(u -> u.isAdmin() && !u.hidden())
        .orElseThrow(
            () -> FenzException.forbidden("admin_only", "Only administrators may do this."));
  }

  public User requireTarget(long targetId) {
    return users
        .findById(targetId)
        .orElseThrow(() -> FenzException.notFound("user_not_found", "No such user."));
  }

  public void refuseSelf(long actorId, long targetId, String action) {
    if (actorId == targetId) {
      throw FenzException.conflict(
          "cannot_delete_self", "An administrator can't " + action + " its own account.");
    }
  }

  /** Must run inside the transaction that removes or demotes {@code target}. */
  public void keepAnAdmin(User target) {
    if (!target.isAdmin() || target.hidden()) {
      return;
    }
    List<Long> admins = users.lockVisibleAdminIds();
    if (admins.stream().noneMatch(id -> id != target.id())) {
      throw FenzException.conflict(
          "last_admin", "The last administrator can't be demoted, hidden or deleted.");
    }
  }
}
