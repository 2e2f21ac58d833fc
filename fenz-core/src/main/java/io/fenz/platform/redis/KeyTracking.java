package io.fenz.platform.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/**
 * Redis server-assisted client-side caching: with {@code CLIENT TRACKING ON BCAST PREFIX ...} Redis
 * sends this process the name of every key under the prefixes that is written, deleted or expires,
 * by any client, so in-process copies of those keys stay exact without a round trip per read. One
 * connection both enables tracking (redirected to itself) and subscribes to the invalidation
 * channel, so tracking can't end without the subscription noticing.
 *
 * <p>Copies are trustworthy only while {@link #live()}. Whenever the connection is lost (or a
 * heartbeat goes unanswered for {@link #SOCKET_TIMEOUT}), the listener is told to drop everything,
 * and again once the new subscription is up, before {@code live} turns true.
 */
public final class KeyTracking implements AutoCloseable {
  /** Called on the tracking thread; must be quick. */
  public interface Listener {
    void invalidated(String key);

    void invalidatedAll();
  }

  private static final Logger LOG = LoggerFactory.getLogger(KeyTracking.class);
  private static final String CHANNEL = "__redis__:invalidate";
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final URI url;
  private final List<String> prefixes;
  private final Listener listener;
  private final Thread subscriber;
  private final Thread heartbeat;
  private volatile boolean live;
  private volatile boolean closed;
  private volatile JedisPubSub subscription;

  KeyTracking(URI url, List<String> prefixes, Listener listener) {
    this.url = url;
    this.prefixes = List.copyOf(prefixes);
    this.listener = listener;
    this.subscriber =
        Thread.ofPlatform().name("fenz-redis-tracking").daemon().start(this::subscribeUntilClosed);
    this.heartbeat =
        Thread.ofPlatform()
            .name("fenz-redis-tracking-heartbeat")
            .daemon()
            .start(this::beatUntilClosed);
  }

  /** True while Redis is reporting every change under the prefixes. */
  public boolean live() {
    return live;
  }

  private void subscribeUntilClosed() {
    long backoffMillis = 100;
    while (!closed) {
      // RESP2 said outright: REDIRECT tracking needs it, and a single Jedis connection warns when
      // left to negotiate.
      try (Jedis jedis =
          new Jedis(
              url,
              DefaultJedisClientConfig.builder()
                  .socketTimeoutMillis((int) SOCKET_TIMEOUT.toMillis())
                  .protocol(RedisProtocol.RESP2)
                  .build())) {
        List<String> tracking =
            new ArrayList<>(
                List.of("TRACKING", "ON", "REDIRECT", Long.toString(jedis.clientId()), "BCAST"));
        for (String prefix : prefixes) {
          tracking.add("PREFIX");
          tracking.add(prefix);
        }
        jedis.sendCommand(Protocol.Command.CLIENT, tracking.toArray(String[]::new));
        JedisPubSub sub =
            new JedisPubSub() {
              @Override
              public void onSubscribe(String channel, int subscribedChannels) {
                // Tracking is on: whatever was copied before this moment may have missed a change.
                listener.invalidatedAll();
                live = true;
                LOG.info("redis key tracking live for {}", prefixes);
              }

              @Override
              public void onMessage(String channel, String key) {
                if (key == null) {
                  listener.invalidatedAll(); // FLUSHDB / FLUSHALL
                } else {
                  listener.invalidated(key);
                }
              }
            };
        subscription = sub;
        jedis.subscribe(sub, CHANNEL);
        backoffMillis = 100;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn(
              "redis key tracking lost ({}); in-process copies dropped, retrying in {} ms",
              e.getMessage(),
              backoffMillis);
        }
      } finally {
        live = false;
        subscription = null;
        listener.invalidatedAll();
      }
      if (!closed) {
        sleep(backoffMillis);
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  /** A PING every second keeps the subscription's reads from timing out while it is healthy. */
  private void beatUntilClosed() {
    while (!closed) {
      sleep(HEARTBEAT.toMillis());
      JedisPubSub sub = subscription;
      if (sub != null && sub.isSubscribed()) {
        try {
          synchronized (this) {
            sub.ping();
          }
        } catch (RuntimeException e) {
          LOG.debug("tracking heartbeat failed: {}", e.getMessage()); // the subscriber notices too
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    live = false;
    JedisPubSub sub = subscription;
    if (sub != null && sub.isSubscribed()) {
      try {
        synchronized (this) {
          sub.unsubscribe();
        }
      } catch (RuntimeException e) {
        LOG.debug("tracking unsubscribe failed: {}", e.getMessage());
      }
    }
    heartbeat.interrupt();
    try {
      subscriber.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.invalidatedAll();
  }
}
