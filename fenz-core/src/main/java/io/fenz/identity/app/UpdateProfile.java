package io.fenz.identity.app;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Profile;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** PATCH /me: only the display name is self-editable; absent fields stay as they are. */
public final class UpdateProfile {
  public record Command(long userId, String displayName) {}

  private final UserRepository users;
  private final GetProfile getProfile;

  @Inject
  public UpdateProfile(UserRepository users, GetProfile getProfile) {
    this.users = users;
    this.getProfile = getProfile;
  }

  public Profile execute(Command command) {
    return UseCaseSpan.call("UpdateProfile", () -> perform(command));
  }

  private Profile perform(Command command) {
    User user = GetProfile.activeUser(users, command.userId());
    if (command.displayName() != null) {
      AccountRules.displayName(new Validator(), "displayName", command.displayName())
          .throwIfInvalid();
      user =
          new User(
              user.id(),
              user.email(),
              user.passwordHash(),
              AccountRules.normalizeDisplayName(command.displayName()),
              user.role(),
              user.hidden(),
              user.createdAt());
      users.update(user);
    }
    return getProfile.toProfile(user);
  }
}
