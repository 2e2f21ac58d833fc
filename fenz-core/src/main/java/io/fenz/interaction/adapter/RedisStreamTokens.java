package io.fenz.interaction.adapter;

import io.fenz.interaction.port.StreamTokens;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Stream tokens in Redis: 256 random bits, kept with a TTL and taken with GETDEL, so each opens one
 * stream, once.
 */
public final class RedisStreamTokens implements StreamTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final RedisStore redis;

  @Inject
  public RedisStreamTokens(RedisStore redis) {
    this.redis = redis;
  }

  @Override
  public String issue(long userId, Duration ttl) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    redis.client().psetex(key(token), ttl.toMillis(), Long.toString(userId));
    return token;
  }

  @Override
  public OptionalLong redeem(String token) {
    String userId = redis.client().getDel(key(token));
    return userId == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(userId));
  }

  private String key(String token) {
    return redis.key("notification-stream:" + token);
  }
}
