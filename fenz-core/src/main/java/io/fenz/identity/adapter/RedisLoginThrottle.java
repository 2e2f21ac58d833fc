package io.fenz.identity.adapter;

import io.fenz.identity.port.LoginThrottle;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Failed-login counters in Redis ({@code login:fail:{hash}}), expiring with the window. If
 * Redis is down, logins are not throttled rather than refused: availability over a brief gap.
 */
public final class RedisLoginThrottle implements LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLoginThrottle.class);
  private final RedisStore redis;
  private final int maxFailures;
  private final Duration window;

  @Inject
  public RedisLoginThrottle(RedisStore redis, FenzConfig.Auth auth) {
    this.redis = redis;
    this.maxFailures = auth.loginMaxFailures();
    this.window = auth.loginWindow();
  }

  @Override
  public Optional<Duration> blockedFor(String key) {
    try {
      String redisKey = redisKey(key);
      String count = redis.client().get(redisKey);
      if (count == null || Long.parseLong(count) < maxFailures) {
        return Optional.empty();
      }
      long ttlMillis = redis.client().pttl(redisKey);
      return Optional.of(ttlMillis > 0 ? Duration.ofMillis(ttlMillis) : window);
    } catch (JedisException e) {
      LOG.warn("login throttle unavailable: {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void recordFailure(String key) {
    try {
      String redisKey = redisKey(key);
      long count = redis.client().incr(redisKey);
      if (count == 1) {
        redis.client().pexpire(redisKey, window.toMillis());
      }
    } catch (JedisException e) {
      LOG.warn("login throttle unavailable: {}", e.getMessage());
    }
  }

  @Override
  public void reset(String key) {
    try {
      redis.client().del(redisKey(key));
    } catch (JedisException e) {
      LOG.warn("login throttle unavailable: {}", e.getMessage());
    }
  }

  /** Hashing keeps emails out of Redis key names. */
  private String redisKey(String key) {
    return redis.key("login:fail:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
  }
}
