package io.fenz.identity.port;

import java.time.Duration;
import java.util.Optional;

/** Counts failed logins per (email, client address) in a sliding window. */
public interface LoginThrottle {
  /** How long the caller must wait, when the key has used up its failures. */
  Optional<Duration> blockedFor(String key);

  void recordFailure(String key);

  void reset(String key);
}
