package io.fenz.platform.redis;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.TracedRedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * The shared Redis client plus the key prefix every key goes through, so tests (and several
 * deployments on one Redis) never see each other's keys.
 */
public final class RedisStore implements AutoCloseable {
  private final RedisClient client;
  private final String keyPrefix;
  private final URI url;
  private final List<KeyTracking> trackings = new CopyOnWriteArrayList<>();

  public RedisStore(FenzConfig.Redis config) {
    // Jedis' default pool is 8 connections: far too few for virtual-thread request handling.
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(2);
    pool.setMaxWait(Duration.ofSeconds(2));
    // Every command through a span (TracedRedisCommands) around the client's own executor.
    this.client =
        new RedisClient.Builder() {
          @Override
          protected CommandExecutor createDefaultCommandExecutor() {
            return new TracedRedisCommands(super.createDefaultCommandExecutor());
          }
        }.fromURI(config.url()).poolConfig(pool).build();
    this.keyPrefix = config.keyPrefix();
    this.url = config.url();
  }

  public RedisClient client() {
    return client;
  }

  public String key(String name) {
    return keyPrefix + name;
  }

  public boolean ping() {
    return "PONG".equals(client.ping());
  }

  /**
   * Starts tracking the keys under the given names (prefixed like every key); stopped when this
   * store closes.
   */
  public KeyTracking track(List<String> keyNamePrefixes, KeyTracking.Listener listener) {
    KeyTracking tracking =
        new KeyTracking(url, keyNamePrefixes.stream().map(this::key).toList(), listener);
    trackings.add(tracking);
    return tracking;
  }

  @Override
  public void close() {
    trackings.forEach(KeyTracking::close);
    client.close();
  }
}
