package io.fenz.content.adapter;

import io.fenz.content.port.AdminCheck;
import io.fenz.identity.port.UserRepository;
import jakarta.inject.Inject;

/** Content's {@link AdminCheck} answered by the identity context's user port. */
public final class IdentityAdminCheck implements AdminCheck {
  private final UserRepository users;

  @Inject
  public IdentityAdminCheck(UserRepository users) {
    this.users = users;
  }

  @Override
  public boolean isAdmin(long userId) {
    return users.findById(userId).filter(u -> u.isAdmin() && !u.hidden()).isPresent();
  }
}
