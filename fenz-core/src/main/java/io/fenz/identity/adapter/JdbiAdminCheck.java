package io.fenz.identity.adapter;

import io.fenz.content.port.AdminCheck;
import io.fenz.identity.port.UserRepository;
import jakarta.inject.Inject;

/** Offers the identity context's admin rule to other contexts. */
public final class JdbiAdminCheck implements AdminCheck {
  private final UserRepository users;

  @Inject
  public JdbiAdminCheck(UserRepository users) {
    this.users = users;
  }

  @Override
  public boolean isAdmin(long userId) {
    return users.findById(userId).filter(u -> u.isAdmin() && !u.hidden()).isPresent();
  }
}
