package io.fenz.bench;

import io.fenz.content.domain.ContentEvents;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.app.DeliverNotifications;
import io.fenz.interaction.app.LiveNotifications;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.events.InProcessEventBus;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.platform.events.NatsConnector;
import io.fenz.platform.events.NatsEventBus;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.platform.events.Redelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notification figures (bench/notifications.sh, docs/events.md). {@code fanout}: a video published
 * to a channel with 100k subscribers, our batched fan-out vs one raw INSERT ... SELECT of the same
 * 100k rows (medians of alternating rounds), then publish-to-visible latency through outbox, relay,
 * bus and consumer for a 1k-subscriber channel. {@code streams PORT N}: holds N SSE notification
 * streams on a running app and says when they are open.
 */
public final class NotificationsBench {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("streams")) {
      streams(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
    } else {
      fanOut();
    }
  }

  private static void fanOut() throws Exception {
    String server = System.getProperty("bench.dbUrl", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    int followers = Integer.getInteger("bench.followers", 100_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    String name = "fenz_bench_notifications";
    try (Connection c = DriverManager.getConnection(server);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name);
      st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    try (Database db =
        new Database(
            new FenzConfig.Database(BenchDatabase.withDatabase(server, name), null, null, 4))) {
      db.migrate();
      load(db, followers);
      if (rounds > 0) {
        compareFanOut(db, followers, rounds);
      }
      int samples = Integer.getInteger("bench.samples", 40);
      if (samples > 0) {
        publishToVisible(db, samples);
      }
    }
  }

  /** Our batched fan-out vs one raw INSERT ... SELECT of the same rows, medians of rounds. */
  private static void compareFanOut(Database db, int followers, int rounds) throws Exception {
    JdbiNotificationRepository notifications = new JdbiNotificationRepository(db);
    List<Double> raw = new ArrayList<>();
    List<Double> ours = new ArrayList<>();
    for (int round = 0; round < rounds + 1; round++) { // round 0 warms up
      String rawEvent = "raw-" + round;
      String fanOutEvent = "fan-" + round;
      double rawSeconds =
          seconds(
              () ->
                  db.withHandle(
                      h ->
                          h.createUpdate(
                                  """
            INSERT INTO notifications (user_id, kind, video_id, channel_id, event_id, created_at)
            SELECT s.user_id, 'video_published', 1, 1, :event, NOW(3) FROM channel_subscriptions s WHERE s.channel_id = 1""")
                              .bind("event", rawEvent)
                              .execute()));
      clear(db);
      double fanOutSeconds =
          seconds(
              () -> notifications.fanOutVideo(fanOutEvent, 1, 1, Instant.now(), 5_000, ids -> {}));
      long written =
          db.withHandle(
              h -> h.createQuery("SELECT COUNT(*) FROM notifications").mapTo(Long.class).one());
      if (written != followers) {
        throw new IllegalStateException(
            "fan-out wrote " + written + " rows for " + followers + " subscribers");
      }
      clear(db);
      if (round > 0) {
        raw.add(rawSeconds);
        ours.add(fanOutSeconds);
      }
    }
    System.out.printf("fanout.subscribers: %d%n", followers);
    System.out.printf("fanout.raw_insert_select_s: %.3f%n", median(raw));
    System.out.printf("fanout.batched_s: %.3f%n", median(ours));
    System.out.printf("ratio.fanout_over_raw_insert_select: %.2f%n", median(ours) / median(raw));
  }

  /**
   * 100k users subscribed to channel 1 (owner user 1); 1k of them also follow channel 2; one
   * published video on each.
   */
  private static void load(Database db, int followers) {
    db.withHandle(
        h -> {
          h.execute(
              "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at)"
                  + " SELECT seq, CONCAT('u', seq, '@bench.local'), 'x', 'U', NOW(3), NOW(3) FROM seq_1_to_"
                  + (followers + 1));
          h.execute(
              "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'big', NOW(3)), (2, 2, 'small', NOW(3))");
          h.execute(
              "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) SELECT id, 1, NOW(3) FROM users WHERE id > 1");
          h.execute(
              "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) SELECT id, 2, NOW(3) FROM users WHERE id > 2 AND id <= 1002");
          h.execute(
              "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at) VALUES"
                  + " (1, 1, 'big', '', 'k', TRUE, NOW(3), NOW(3)), (2, 2, 'small', '', 'k', TRUE, NOW(3), NOW(3))");
          return null;
        });
  }

  /**
   * The whole path for a 1k-subscriber channel: the outbox row commits, the relay (every 200 ms, as
   * the worker runs it) sends it, the consumer fans out; visible = the last batch committed (its
   * live signal).
   */
  private static void publishToVisible(Database db, int samples) throws Exception {
    String natsUrl = System.getProperty("bench.natsUrl", "");
    Redelivery redelivery = new Redelivery(5, new JdbiDeadLetters(db, Clock.systemUTC()));
    io.nats.client.Connection nats = natsUrl.isEmpty() ? null : NatsConnector.connect(natsUrl);
    try (EventBus bus =
        nats == null
            ? new InProcessEventBus(redelivery)
            : new NatsEventBus(
                nats, "BENCH", Duration.ofHours(1), Duration.ofSeconds(60), redelivery)) {
      AtomicLong visible = new AtomicLong();
      AtomicInteger notified = new AtomicInteger();
      LiveNotifications live = new LiveNotifications(bus);
      AutoCloseable listening =
          live.listen(
              ids -> {
                if (notified.addAndGet(ids.length) >= 1_000) {
                  visible.set(System.nanoTime());
                }
              });
      FenzConfig.Events config =
          new FenzConfig.Events(
              "BENCH",
              Duration.ofHours(1),
              5,
              Duration.ofSeconds(60),
              5_000,
              Duration.ofSeconds(60),
              Duration.ofSeconds(15));
      AutoCloseable consumer =
          bus.consume(
              "bench-notifications",
              new DeliverNotifications(
                  new JdbiNotificationRepository(db), live, config, Clock.systemUTC()));
      OutboxRelay relay = new OutboxRelay(db, bus, Clock.systemUTC());
      ScheduledExecutorService relayLoop = Executors.newSingleThreadScheduledExecutor();
      relayLoop.scheduleWithFixedDelay(() -> relay.relay(500), 200, 200, TimeUnit.MILLISECONDS);
      JdbiOutbox outbox = new JdbiOutbox(db, Clock.systemUTC(), new LocalEvents(Set.of()));
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < samples + 3; i++) {
        notified.set(0);
        visible.set(0);
        long published = System.nanoTime();
        outbox.append(
            ContentEvents.VIDEO_PUBLISHED,
            Map.of("videoId", 2, "channelId", 2, "accessTier", 0, "tagIds", List.of()));
        while (visible.get() == 0) {
          if (System.nanoTime() - published > 30_000_000_000L) {
            throw new IllegalStateException("no fan-out within 30 s");
          }
          Thread.sleep(1);
        }
        if (i >= 3) { // the first ones warm up
          millis.add((visible.get() - published) / 1e6);
        }
        Thread.sleep(
            java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(50, 250)); // publishes don't line up with the relay's ticks
      }
      relayLoop.shutdownNow();
      consumer.close();
      listening.close();
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("publish_to_visible.bus: %s%n", bus.describe());
      System.out.printf("publish_to_visible.subscribers: 1000%n");
      System.out.printf("publish_to_visible.p50_ms: %.1f%n", sorted[sorted.length / 2]);
      System.out.printf(
          "publish_to_visible.p95_ms: %.1f%n", sorted[(int) Math.ceil(sorted.length * 0.95) - 1]);
      System.out.printf("publish_to_visible.relay_interval_ms: 200%n");
      if (nats != null) {
        nats.jetStreamManagement().deleteStream("BENCH_FENZ");
      }
    } finally {
      if (nats != null) {
        nats.close();
      }
    }
  }

  /**
   * Opens {@code count} streams (one single-use token each) for the user of {@code accessToken};
   * prints when all are open, then holds.
   */
  private static void streams(int port, int count, String accessToken) throws Exception {
    String base = "http://127.0.0.1:" + port;
    // HTTP/1.1: one connection per stream, as EventSource holds them (no h2c upgrade multiplexing).
    var readers = Executors.newVirtualThreadPerTaskExecutor();
    HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(readers).build();
    CountDownLatch open = new CountDownLatch(count);
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<?>> held = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> token =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/notifications/stream-token"))
                  .header("Authorization", "Bearer " + accessToken)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String value = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
      held.add(
          client
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(base + "/api/v1/notifications/stream?token=" + value))
                      .header("Accept", "text/event-stream")
                      .build(),
                  HttpResponse.BodyHandlers.ofLines())
              .thenAcceptAsync( // reads each stream on its own virtual thread, never on this one
                  response -> {
                    if (response.statusCode() == 200) {
                      open.countDown();
                    } else {
                      refused.incrementAndGet();
                    }
                    response.body().forEach(line -> {});
                  },
                  readers));
    }
    open.await(300, TimeUnit.SECONDS);
    System.out.println("streams.refused: " + refused.get());
    System.out.println("streams.open: " + (count - open.getCount()));
    System.out.flush();
    Thread.sleep(Long.getLong("bench.holdMs", 8_000));
    System.exit(0);
  }

  private interface Work {
    void run() throws Exception;
  }

  private static double seconds(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void clear(Database db) {
    db.withHandle(h -> h.execute("DELETE FROM notifications"));
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
