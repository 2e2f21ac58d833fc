package io.fenz.http.routes;

import io.fenz.identity.domain.Profile;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user as its owner or an admin sees it (never the password hash). */
public record UserView(
    long id,
    String email,
    String displayName,
    Role role,
    boolean hidden,
    Instant createdAt,
    @Nullable Long channelId) {
  public static UserView of(User user) {
    return new UserView(
        user.id(),
        user.email(),
        user.displayName(),
        user.role(),
        user.hidden(),
        user.createdAt(),
        null);
  }

  public static UserView of(Profile profile) {
    User user = profile.user();
    return new UserView(
        user.id(),
        user.email(),
        user.displayName(),
        user.role(),
        user.hidden(),
        user.createdAt(),
        profile.channelId());
  }
}
