package io.fenz.interaction.port;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Short-lived, single-use tokens that open one notification stream (EventSource can't send
 * headers).
 */
public interface StreamTokens {
  String issue(long userId, Duration ttl);

  /** The token's user, once: a second redeem, or one after expiry, is empty. */
  OptionalLong redeem(String token);
}
