package io.fenz.identity.port;

import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface UserRepository {
  record NewUser(String email, String passwordHash, String displayName, Role role) {}

  record UserFilter(String query, Role role, Boolean hidden) {}

  /** Inserts a user; throws {@link EmailTakenException} when the email exists. */
  User insert(NewUser user);

  Optional<User> findById(long id);

  /**
   * The display name of each given user who exists and is not hidden (how others may name them);
   * the rest are absent.
   */
  Map<Long, String> visibleDisplayNames(Collection<Long> ids);

  /**
   * The account whose canonical email ({@link io.fenz.identity.domain.AccountRules#canonicalEmail})
   * matches.
   */
  Optional<User> findByEmail(String email);

  Page<User> list(UserFilter filter, PageRequest page);

  /**
   * Saves email, display name, role and hidden flag; throws {@link EmailTakenException} on a taken
   * email.
   */
  void update(User user);

  void updatePasswordHash(long userId, String passwordHash);

  boolean delete(long userId);

  /**
   * The generation every access token of the user must carry; bumping it ends all of the user's
   * sessions.
   */
  long sessionGeneration(long userId);

  void bumpSessionGeneration(long userId);

  /**
   * Ids of visible admins, row-locked until the transaction ends, so two demotions can't race past
   * the last-admin rule.
   */
  List<Long> lockVisibleAdminIds();

  final class EmailTakenException extends RuntimeException {
    public EmailTakenException() {
      super("email taken", null, false, false);
    }
  }
}
