package io.fenz.content.adapter;

import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.redis.TagPicks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Read-through Redis cache ({@link TagPicks}: {@code prefs:u:{id}} / {@code prefs:s:{session}})
 * over the MySQL tag picks, so the feed's hot path needs no database round trip. Writes go to MySQL
 * first, then drop the cached copy; a Redis failure falls back to MySQL.
 */
public final class CachedTagPreferences implements TagPreferenceRepository {
  static final Duration TTL = Duration.ofMinutes(10);
  private final JdbiTagPreferenceRepository database;
  private final RedisStore redis;

  @Inject
  public CachedTagPreferences(JdbiTagPreferenceRepository database, RedisStore redis) {
    this.database = database;
    this.redis = redis;
  }

  @Override
  public List<Long> ofUser(long userId) {
    return cached(TagPicks.userKey(userId), () -> database.ofUser(userId));
  }

  @Override
  public List<Long> ofSession(String sessionId) {
    return cached(TagPicks.sessionKey(sessionId), () -> database.ofSession(sessionId));
  }

  @Override
  public void replaceForUser(long userId, List<Long> tagIds) {
    database.replaceForUser(userId, tagIds);
    forget(TagPicks.userKey(userId));
  }

  @Override
  public void replaceForSession(String sessionId, List<Long> tagIds) {
    database.replaceForSession(sessionId, tagIds);
    forget(TagPicks.sessionKey(sessionId));
  }

  @Override
  public boolean adoptSessionTags(String sessionId, long userId) {
    boolean adopted = database.adoptSessionTags(sessionId, userId);
    if (adopted) {
      forget(TagPicks.sessionKey(sessionId));
      forget(TagPicks.userKey(userId));
    }
    return adopted;
  }

  private List<Long> cached(String name, Supplier<List<Long>> load) {
    String key = redis.key(name);
    try {
      String hit = redis.client().get(key);
      if (hit != null) {
        return TagPicks.decode(hit);
      }
    } catch (JedisException e) {
      return load.get();
    }
    List<Long> loaded = load.get();
    try {
      redis.client().set(key, TagPicks.encode(loaded), SetParams.setParams().ex(TTL.toSeconds()));
    } catch (JedisException ignored) {
      // Serving from MySQL is fine; the next read retries the cache.
    }
    return loaded;
  }

  /**
   * If this fails, the stale copy lives at most {@link #TTL}; the write itself already succeeded.
   */
  private void forget(String name) {
    try {
      redis.client().del(redis.key(name));
    } catch (JedisException ignored) {
      // see above
    }
  }
}
