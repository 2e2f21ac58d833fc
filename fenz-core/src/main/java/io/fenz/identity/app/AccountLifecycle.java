package io.fenz.identity.app;

import io.fenz.identity.domain.IdentityEvents;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.OwnedContent;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;

/** Hide, restore and delete, shared by the self-service and admin use cases. Keeps an admin around. */
public final class AccountLifecycle {
  private final UserRepository users;
  private final RefreshTokenStore refreshTokens;
  private final OwnedContent content;
  private final AdminGuard guard;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public AccountLifecycle(UserRepository users, RefreshTokenStore refreshTokens, OwnedContent content, AdminGuard guard,
                          Outbox outbox, TransactionRunner transactions, Clock clock) {
    this.outbox = outbox;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.content = content;
    this.guard = guard;
    this.transactions = transactions;
    this.clock = clock;
  }

  public User hide(long userId) {
    User hidden = transactions.inTransaction(() -> {
      User target = guard.requireTarget(userId);
      guard.keepAnAdmin(target);
      User changed = new User(target.id(), target.email(), target.passwordHash(), target.displayName(), target.role(), true, target.createdAt());
      users.update(changed);
      refreshTokens.revokeAllOfUser(target.id(), clock.instant());
      outbox.append(IdentityEvents.USER_HIDDEN, Map.of("userId", userId));
      return changed;
    });
    return hidden;
  }

  public User restore(long userId) {
    return transactions.inTransaction(() -> {
      User target = guard.requireTarget(userId);
      User restored = new User(target.id(), target.email(), target.passwordHash(), target.displayName(), target.role(), false, target.createdAt());
      users.update(restored);
      outbox.append(IdentityEvents.USER_RESTORED, Map.of("userId", userId));
      return restored;
    });
  }

  public void delete(long userId) {
    transactions.inTransaction(() -> {
      guard.keepAnAdmin(guard.requireTarget(userId));
      content.removing(userId);
      users.delete(userId);
    });
  }
}
