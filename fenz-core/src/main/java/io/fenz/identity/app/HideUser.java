package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.db.TransactionRunner;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Admin hides an account: it can't sign in, its sessions end, and its channel and videos
 * disappear from everyone else (they are shown only for visible owners). Restorable.
 */
public final class HideUser {
  public record Command(long actorId, long targetId) {}

  private final UserRepository users;
  private final RefreshTokenStore refreshTokens;
  private final AdminGuard guard;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public HideUser(UserRepository users, RefreshTokenStore refreshTokens, AdminGuard guard, TransactionRunner transactions, Clock clock) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.guard = guard;
    this.transactions = transactions;
    this.clock = clock;
  }

  public User execute(Command command) {
    guard.requireAdmin(command.actorId());
    guard.refuseSelf(command.actorId(), command.targetId(), "hide");
    return transactions.inTransaction(() -> {
      User target = guard.requireTarget(command.targetId());
      guard.keepAnAdmin(target);
      User hidden = new User(target.id(), target.email(), target.passwordHash(), target.displayName(), target.role(), true, target.createdAt());
      users.update(hidden);
      refreshTokens.revokeAllOfUser(target.id(), clock.instant());
      return hidden;
    });
  }
}
