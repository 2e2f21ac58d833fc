package io.fenz.interaction.adapter;

import io.fenz.identity.port.UserRepository;
import io.fenz.interaction.port.ActorNames;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;

/** Interaction's {@link ActorNames} answered by the identity context's user port. */
public final class IdentityActorNames implements ActorNames {
  private final UserRepository users;

  @Inject
  public IdentityActorNames(UserRepository users) {
    this.users = users;
  }

  @Override
  public Map<Long, String> visible(Collection<Long> userIds) {
    return users.visibleDisplayNames(userIds);
  }
}
