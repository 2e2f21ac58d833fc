package io.fenz.platform.redis;

import io.fenz.platform.config.FenzConfig;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/**
 * The shared Redis client plus the key prefix every key goes through, so tests (and several
 * deployments on one Redis) never see each other's keys.
 */
public final class RedisStore implements AutoCloseable {
  private final RedisClient client;
  private final String keyPrefix;

  public RedisStore(FenzConfig.Redis config) {
    // Jedis' default pool is 8 connections: far too few for virtual-thread request handling.
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolSize());
    pool.setMaxIdle(config.poolSize());
    pool.setMinIdle(2);
    pool.setMaxWait(Duration.ofSeconds(2));
    this.client = RedisClient.builder().fromURI(config.url()).poolConfig(pool).build();
    this.keyPrefix = config.keyPrefix();
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

  @Override
  public void close() {
    client.close();
  }
}
