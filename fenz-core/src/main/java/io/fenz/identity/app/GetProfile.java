package io.fenz.identity.app;

import io.fenz.identity.domain.Profile;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.ChannelDirectory;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** The caller's own profile. A deleted or hidden account's still-valid token gets 401. */
public final class GetProfile {
  private final UserRepository users;
  private final ChannelDirectory channels;

  @Inject
  public GetProfile(UserRepository users, ChannelDirectory channels) {
    this.users = users;
    this.channels = channels;
  }

  public Profile execute(long userId) {
    return UseCaseSpan.call("GetProfile", () -> perform(userId));
  }

  private Profile perform(long userId) {
    return toProfile(activeUser(users, userId));
  }

  Profile toProfile(User user) {
    return new Profile(user, channels.channelIdOf(user.id()).orElse(null));
  }

  static User activeUser(UserRepository users, long userId) {
    return users
        .findById(userId)
        .filter(u -> !u.hidden())
        .orElseThrow(
            () ->
                FenzException.unauthenticated(
                    "account_unavailable", "This account no longer exists or is hidden."));
  }
}
