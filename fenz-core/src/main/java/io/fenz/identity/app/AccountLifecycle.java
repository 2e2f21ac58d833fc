package io.fenz.identity.app;

import io.fenz.identity.domain.IdentityEvents;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccountStates;
import io.fenz.identity.port.OwnedContent;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;

/**
 * Hide, restore and delete, shared by the self-service and admin use cases. Keeps an admin around.
 * Hiding bumps the session generation, so every access token of the account stops at once (and
 * stays dead after a restore); every change is announced to {@link AccountStates}.
 */
public final class AccountLifecycle {
  private final UserRepository users;
  private final RefreshTokenStore refreshTokens;
  private final OwnedContent content;
  private final AdminGuard guard;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final AccountStates accounts;
  private final Clock clock;

  @Inject
  public AccountLifecycle(
      UserRepository users,
      RefreshTokenStore refreshTokens,
      OwnedContent content,
      AdminGuard guard,
      Outbox outbox,
      TransactionRunner transactions,
      AccountStates accounts,
      Clock clock) {
    this.outbox = outbox;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.content = content;
    this.guard = guard;
    this.transactions = transactions;
    this.accounts = accounts;
    this.clock = clock;
  }

  public User hide(long userId) {
    User hidden =
        transactions.inTransaction(
            () -> {
              User target = guard.requireTarget(userId);
              guard.keepAnAdmin(target);
              User changed =
                  new User(
                      target.id(),
                      target.email(),
                      target.passwordHash(),
                      target.displayName(),
                      target.role(),
                      true,
                      target.createdAt());
              users.update(changed);
              refreshTokens.revokeAllOfUser(target.id(), clock.instant());
              users.bumpSessionGeneration(target.id());
              outbox.append(IdentityEvents.USER_HIDDEN, Map.of("userId", userId));
              return changed;
            });
    accounts.changed(userId);
    return hidden;
  }

  public User restore(long userId) {
    User restored =
        transactions.inTransaction(
            () -> {
              User target = guard.requireTarget(userId);
              User visible =
                  new User(
                      target.id(),
                      target.email(),
                      target.passwordHash(),
                      target.displayName(),
                      target.role(),
                      false,
                      target.createdAt());
              users.update(visible);
              outbox.append(IdentityEvents.USER_RESTORED, Map.of("userId", userId));
              return visible;
            });
    accounts.changed(userId);
    return restored;
  }

  public void delete(long userId) {
    transactions.inTransaction(
        () -> {
          guard.keepAnAdmin(guard.requireTarget(userId));
          content.removing(userId);
          users.delete(userId);
        });
    accounts.changed(userId);
  }
}
