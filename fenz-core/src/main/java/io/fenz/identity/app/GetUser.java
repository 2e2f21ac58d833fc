package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin view of one user, hidden or not. */
public final class GetUser {
  public record Query(long actorId, long targetId) {}

  private final AdminGuard guard;

  @Inject
  public GetUser(AdminGuard guard) {
    this.guard = guard;
  }

  public User execute(Query query) {
    return UseCaseSpan.call("GetUser", () -> perform(query));
  }

  private User perform(Query query) {
    guard.requireAdmin(query.actorId());
    return guard.requireTarget(query.targetId());
  }
}
