package io.fenz.identity.adapter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.platform.redis.RedisStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Counts events per key in a fixed window that starts with the key's first event. Counts live in
 * Redis (shared by every process); while Redis is unreachable each process counts on its own, so a
 * limit never simply opens when Redis is down. Key names are hashed, keeping emails and addresses
 * out of Redis.
 */
final class WindowCounter {
  private static final Logger LOG = LoggerFactory.getLogger(WindowCounter.class);

  /** A count and when its window ends (this process's fallback). */
  private record Local(AtomicLong count, long endsAtMillis) {}

  private final RedisStore redis;
  private final String name;
  private final Duration window;
  private final Cache<String, Local> local;

  WindowCounter(RedisStore redis, String name, Duration window) {
    this.redis = redis;
    this.name = name;
    this.window = window;
    this.local = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
  }

  /** Counts one event; returns the count in the current window. */
  long increment(String key) {
    String redisKey = redisKey(key);
    try {
      long count = redis.client().incr(redisKey);
      if (count == 1) {
        redis.client().pexpire(redisKey, window.toMillis());
      }
      return count;
    } catch (JedisException e) {
      LOG.warn(
          "{} counter in Redis unavailable, counting in this process: {}", name, e.getMessage());
      return localWindow(key).count().incrementAndGet();
    }
  }

  /** The count in the current window (0 when none). */
  long count(String key) {
    try {
      String value = redis.client().get(redisKey(key));
      return value == null ? 0 : Long.parseLong(value);
    } catch (JedisException e) {
      Local counted = local.getIfPresent(key);
      return counted == null || counted.endsAtMillis() <= System.currentTimeMillis()
          ? 0
          : counted.count().get();
    }
  }

  /** How long until the current window ends. */
  Duration remaining(String key) {
    try {
      long millis = redis.client().pttl(redisKey(key));
      return millis > 0 ? Duration.ofMillis(millis) : window;
    } catch (JedisException e) {
      Local counted = local.getIfPresent(key);
      return counted == null
          ? window
          : Duration.ofMillis(Math.max(0, counted.endsAtMillis() - System.currentTimeMillis()));
    }
  }

  void reset(String key) {
    local.invalidate(key);
    try {
      redis.client().del(redisKey(key));
    } catch (JedisException e) {
      LOG.warn("{} counter in Redis unavailable: {}", name, e.getMessage());
    }
  }

  private Local localWindow(String key) {
    long now = System.currentTimeMillis();
    return local
        .asMap()
        .compute(
            key,
            (k, current) ->
                current == null || current.endsAtMillis() <= now
                    ? new Local(new AtomicLong(), now + window.toMillis())
                    : current);
  }

  private String redisKey(String key) {
    return redis.key(name + ":" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
  }
}
