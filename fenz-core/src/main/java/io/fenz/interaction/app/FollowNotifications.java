package io.fenz.interaction.app;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.domain.StreamCursor;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.interaction.port.StreamTokens;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
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
 * sends the unread count up to its start ({@code Last-Event-ID}, the last notification id the
 * client saw, or the newest), then what was written after that start, then, at each live signal
 * naming its user, what it has not sent yet ({@link StreamCursor}). The count and the start come
 * from one snapshot, so a client that takes the count from the stream counts every notification
 * exactly once. Rows are read from MySQL, so a stream follows notifications written by any process;
 * a missed signal costs latency, never a notification.
 */
@Singleton
public final class FollowNotifications implements AutoCloseable {
  /** Where a stream's notifications go (an SSE connection). */
  public interface Sink {
    /** First on every stream: the unread notifications up to {@code position}. */
    void unread(long count, long position);

    void send(Notification notification);

    void heartbeat();

    boolean closed();
  }

  public record StreamToken(String token, Instant expiresAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(FollowNotifications.class);
  private static final int CATCH_UP_LIMIT = 500;

  /** How many of a user's newest rows each catch-up looks at again for late commits. */
  private static final int RECENT = 20;

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
   * Where a stream of {@code userId}'s notifications starts: up to {@code lastEventId} (null: the
   * newest) is counted, what comes after is sent. Read before the stream opens, so a failing
   * database is answered as a problem, not by a stream that closes at once.
   */
  public Start start(long userId, Long lastEventId) {
    return new Start(userId, notifications.streamStart(userId, lastEventId, RECENT));
  }

  /** A stream's start, read; {@link #follow} opens it. */
  public final class Start {
    private final long userId;
    private final NotificationRepository.StreamStart start;

    private Start(long userId, NotificationRepository.StreamStart start) {
      this.userId = userId;
      this.start = start;
    }

    /** Sends the unread count, then what comes after the start. */
    public AutoCloseable follow(Sink sink) {
      Stream stream =
          new Stream(userId, sink, new StreamCursor(start.position(), start.recentIds(), RECENT));
      stream.open(start.unread());
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
  }

  public int openStreams() {
    return streams.values().stream().mapToInt(Set::size).sum();
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
    private final StreamCursor cursor;

    Stream(long userId, Sink sink, StreamCursor cursor) {
      this.userId = userId;
      this.sink = sink;
      this.cursor = cursor;
    }

    synchronized void open(long unread) {
      try {
        sink.unread(unread, cursor.position());
      } catch (RuntimeException e) {
        LOG.debug("sse: the unread count was not sent ({})", e.toString());
      }
    }

    /** One catch-up at a time per stream, so every row goes out once. */
    synchronized void catchUp() {
      if (sink.closed()) {
        return;
      }
      try {
        cursor.catchUp(
            notifications.recentAndAfter(userId, cursor.position(), RECENT, CATCH_UP_LIMIT),
            due -> names.name(due).forEach(sink::send));
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
