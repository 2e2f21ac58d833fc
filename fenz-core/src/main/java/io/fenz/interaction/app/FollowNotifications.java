package io.fenz.interaction.app;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.interaction.port.StreamTokens;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live notification streams held by this process. A stream opens with a single-use token; it first
 * sends what was written after {@code Last-Event-ID} (the last notification id it saw), then, at
 * each live signal naming its user, the rows after the last one it sent. Rows are read from MySQL,
 * so a stream follows notifications written by any process; a missed signal costs latency, never a
 * notification.
 */
@Singleton
public final class FollowNotifications implements AutoCloseable {
  /** Where a stream's notifications go (an SSE connection). */
  public interface Sink {
    void send(Notification notification);

    void heartbeat();

    boolean closed();
  }

  public record StreamToken(String token, Instant expiresAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(FollowNotifications.class);
  private static final int CATCH_UP_LIMIT = 500;
  private final NotificationRepository notifications;
  private final NameNotifications names;
  private final StreamTokens tokens;
  private final FenzConfig.Events config;
  private final Clock clock;
  private final Map<Long, Set<Stream>> streams = new ConcurrentHashMap<>();
  private final AutoCloseable signals;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("fenz-sse-heartbeat").daemon(true).factory());

  @Inject
  public FollowNotifications(
      NotificationRepository notifications,
      NameNotifications names,
      StreamTokens tokens,
      LiveNotifications live,
      FenzConfig.Events config,
      Clock clock) {
    this.notifications = notifications;
    this.names = names;
    this.tokens = tokens;
    this.config = config;
    this.clock = clock;
    this.signals = live.listen(this::signalled);
    long every = config.heartbeat().toMillis();
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  public StreamToken issueToken(long userId) {
    return new StreamToken(
        tokens.issue(userId, config.streamTokenTtl()),
        clock.instant().plus(config.streamTokenTtl()));
  }

  /** The token's user; 401 for an unknown, expired or already used token. */
  public long redeem(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      throw FenzException.unauthenticated(
          "invalid_stream_token",
          "Get a stream token from POST /api/v1/notifications/stream-token.");
    }
    return tokens
        .redeem(token)
        .orElseThrow(
            () ->
                FenzException.unauthenticated(
                    "invalid_stream_token",
                    "The stream token is unknown, expired or already used."));
  }

  /**
   * Starts following: sends what came after {@code lastEventId} (null: only what comes from now
   * on).
   */
  public AutoCloseable follow(long userId, Long lastEventId, Sink sink) {
    Stream stream = new Stream(userId, sink, lastEventId == null ? latestId(userId) : lastEventId);
    streams.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(stream);
    stream.catchUp(); // after registering, so nothing written in between is missed
    return () ->
        streams.computeIfPresent(
            userId,
            (u, set) -> {
              set.remove(stream);
              return set.isEmpty() ? null : set;
            });
  }

  public int openStreams() {
    return streams.values().stream().mapToInt(Set::size).sum();
  }

  private long latestId(long userId) {
    List<Notification> newest =
        notifications.list(userId, new io.fenz.platform.PageRequest(1, 1)).items();
    return newest.isEmpty() ? 0 : newest.getFirst().id();
  }

  private void signalled(long[] userIds) {
    for (long userId : userIds) {
      Set<Stream> held = streams.get(userId);
      if (held != null) {
        held.forEach(Stream::catchUp);
      }
    }
  }

  private void beat() {
    streams
        .values()
        .forEach(
            set ->
                set.forEach(
                    stream -> {
                      try {
                        stream.sink.heartbeat();
                      } catch (RuntimeException e) {
                        LOG.debug("sse: heartbeat failed ({})", e.toString());
                      }
                    }));
  }

  private final class Stream {
    private final long userId;
    private final Sink sink;
    private long lastSent;

    Stream(long userId, Sink sink, long lastSent) {
      this.userId = userId;
      this.sink = sink;
      this.lastSent = lastSent;
    }

    /** One catch-up at a time per stream, so every row goes out once and in id order. */
    synchronized void catchUp() {
      if (sink.closed()) {
        return;
      }
      try {
        for (Notification notification :
            names.name(notifications.after(userId, lastSent, CATCH_UP_LIMIT))) {
          sink.send(notification);
          lastSent = notification.id();
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "sse: catching up user {} failed ({}); the next signal tries again",
            userId,
            e.toString());
      }
    }
  }

  @Override
  public void close() throws Exception {
    heartbeats.shutdownNow();
    signals.close();
  }
}
