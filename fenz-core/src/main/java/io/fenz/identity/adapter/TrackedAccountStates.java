package io.fenz.identity.adapter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.identity.domain.AccountState;
import io.fenz.identity.domain.Role;
import io.fenz.identity.port.AccountStates;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import io.fenz.platform.redis.KeyTracking;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Account states read from MySQL and copied in-process. A change writes {@code account:{id}} in
 * Redis, and Redis key tracking tells every process to drop its copy, so copies stay exact without
 * a round trip per request. While tracking is down every read goes to MySQL (correct, slower). A
 * copy being loaded when its invalidation arrives is dropped too: Caffeine's invalidate waits for
 * the load of that key.
 */
@Singleton
public final class TrackedAccountStates implements AccountStates, KeyTracking.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(TrackedAccountStates.class);
  static final String KEY = "account:";

  /** The Redis key only has to live until every process has been told; a day is plenty. */
  private static final long KEY_TTL_MILLIS = Duration.ofDays(1).toMillis();

  private final Database db;
  private final RedisStore redis;
  private final Duration accessTokenTtl;
  private final Clock clock;
  private final String keyPrefix;
  private final Cache<Long, Optional<AccountState>> copies =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();
  private final KeyTracking tracking;

  @Inject
  public TrackedAccountStates(Database db, RedisStore redis, FenzConfig.Auth auth, Clock clock) {
    this.db = db;
    this.redis = redis;
    this.accessTokenTtl = auth.accessTokenTtl();
    this.clock = clock;
    this.keyPrefix = redis.key(KEY);
    // At construction, so copies are usable from the first request on, not after a warm-up that
    // reads MySQL.
    this.tracking = redis.track(List.of(KEY), this);
  }

  @Override
  public Optional<AccountState> find(long userId) {
    if (!tracking.live()) {
      return load(userId);
    }
    return copies.get(userId, this::load);
  }

  @Override
  public void changed(long userId) {
    copies.invalidate(userId);
    try {
      redis
          .client()
          .set(
              redis.key(KEY + userId),
              Long.toString(clock.millis()),
              SetParams.setParams().px(KEY_TTL_MILLIS));
    } catch (JedisException e) {
      // Processes that can't reach Redis have lost tracking too, so they read MySQL until it is
      // back.
      LOG.warn("could not announce account {} change: {}", userId, e.getMessage());
    }
  }

  private Optional<AccountState> load(long userId) {
    return db.withHandle(
        h -> {
          var row =
              h.createQuery("SELECT role, is_hidden, session_generation FROM users WHERE id = :id")
                  .bind("id", userId)
                  .map(
                      (rs, ctx) ->
                          new AccountState(
                              userId,
                              Role.valueOf(rs.getString("role")),
                              rs.getBoolean("is_hidden"),
                              rs.getLong("session_generation"),
                              Set.of()))
                  .findOne();
          if (row.isEmpty()) {
            return row;
          }
          // A session (refresh-token family) with no live token left was ended; only recent ones
          // can have live access tokens.
          Set<String> ended =
              Set.copyOf(
                  h.createQuery(
                          """
              SELECT family_id FROM refresh_tokens WHERE user_id = :id
              GROUP BY family_id HAVING COUNT(revoked_at) = COUNT(*) AND MAX(revoked_at) > :since""")
                      .bind("id", userId)
                      .bind("since", Utc.toDb(clock.instant().minus(accessTokenTtl)))
                      .mapTo(String.class)
                      .list());
          AccountState state = row.get();
          return Optional.of(
              new AccountState(userId, state.role(), state.hidden(), state.generation(), ended));
        });
  }

  @Override
  public void invalidated(String key) {
    if (key.startsWith(keyPrefix)) {
      try {
        copies.invalidate(Long.parseLong(key.substring(keyPrefix.length())));
      } catch (NumberFormatException e) {
        copies.invalidateAll(); // not one of ours: be safe
      }
    }
  }

  @Override
  public void invalidatedAll() {
    copies.invalidateAll();
  }
}
