package io.fenz.platform.redis;

import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Whether Redis keeps what it acknowledged across a crash: views are buffered there until the next
 * flush, so without an append-only file a Redis crash loses them. {@code appendonly}/{@code
 * appendfsync} as Redis reports them, null when it refuses CONFIG GET (some managed services do).
 */
public record RedisDurability(String appendonly, String appendfsync) {
  public static RedisDurability read(RedisClient client) {
    try {
      Map<String, String> aof = client.configGet("appendonly");
      Map<String, String> fsync = client.configGet("appendfsync");
      return new RedisDurability(aof.get("appendonly"), fsync.get("appendfsync"));
    } catch (JedisException e) {
      return new RedisDurability(null, null);
    }
  }

  public boolean durable() {
    return "yes".equalsIgnoreCase(appendonly);
  }

  /** One line for /readyz and the log. */
  public String describe() {
    if (appendonly == null) {
      return "unknown: CONFIG GET refused; make sure appendonly is yes";
    }
    return durable()
        ? "append-only file, appendfsync " + appendfsync
        : "no append-only file: views buffered since the last flush are lost if Redis dies";
  }
}
