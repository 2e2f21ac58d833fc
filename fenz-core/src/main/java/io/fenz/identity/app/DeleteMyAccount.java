package io.fenz.identity.app;

import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** DELETE /me: the account and everything it owns, for good. */
public final class DeleteMyAccount {
  private final AccountLifecycle lifecycle;

  @Inject
  public DeleteMyAccount(AccountLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public void execute(long userId) {
    UseCaseSpan.run("DeleteMyAccount", () -> perform(userId));
  }

  private void perform(long userId) {
    lifecycle.delete(userId);
  }
}
