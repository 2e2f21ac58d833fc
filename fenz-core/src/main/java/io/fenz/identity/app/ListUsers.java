package io.fenz.identity.app;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** Admin user list, filtered by a text query (email or name), role and hidden flag. */
public final class ListUsers {
  public record Query(long actorId, String text, Role role, Boolean hidden, PageRequest page) {}

  private final UserRepository users;
  private final AdminGuard guard;

  @Inject
  public ListUsers(UserRepository users, AdminGuard guard) {
    this.users = users;
    this.guard = guard;
  }

  public Page<User> execute(Query query) {
    return UseCaseSpan.call("ListUsers", () -> perform(query));
  }

  private Page<User> perform(Query query) {
    guard.requireAdmin(query.actorId());
    String text = query.text() == null || query.text().isBlank() ? null : query.text().strip();
    return users.list(
        new UserRepository.UserFilter(text, query.role(), query.hidden()), query.page());
  }
}
