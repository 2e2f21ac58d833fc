package io.fenz.identity.app;

import jakarta.inject.Inject;

/** DELETE /me: the account and everything it owns, for good. */
public final class DeleteMyAccount {
  private final AccountLifecycle lifecycle;

  @Inject
  public DeleteMyAccount(AccountLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public void execute(long userId) {
    lifecycle.delete(userId);
  }
}
