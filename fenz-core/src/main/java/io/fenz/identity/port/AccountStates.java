package io.fenz.identity.port;

import io.fenz.identity.domain.AccountState;
import java.util.Optional;

/**
 * The current state of accounts, as cheap to read as a cache; every process hears of a change at
 * once.
 */
public interface AccountStates {
  /** Empty when the account no longer exists. */
  Optional<AccountState> find(long userId);

  /**
   * Tells every process that {@code userId}'s state changed; call after the change is committed.
   */
  void changed(long userId);
}
