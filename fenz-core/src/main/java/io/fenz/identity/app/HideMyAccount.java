package io.fenz.identity.app;

import io.fenz.identity.domain.User;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** POST /me/hide: the user hides its own account (an admin can restore it). */
public final class HideMyAccount {
  private final AccountLifecycle lifecycle;

  @Inject
  public HideMyAccount(AccountLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public User execute(long userId) {
    return UseCaseSpan.call("HideMyAccount", () -> perform(userId));
  }

  private User perform(long userId) {
    return lifecycle.hide(userId);
  }
}
