package io.fenz.identity.port;

import java.time.Duration;
import java.util.Optional;

/**
 * Two limits on password guessing: failed logins per account (its canonical email), whatever
 * address they come from, and login/registration attempts per client address.
 */
public interface LoginThrottle {
  /**
   * Counts an attempt from {@code clientAddress}; how long it must wait when it is over its limit.
   */
  Optional<Duration> attempt(String clientAddress);

  /** How long logins to the account must wait, when it has used up its failures. */
  Optional<Duration> blockedFor(String account);

  void recordFailure(String account);

  void reset(String account);
}
