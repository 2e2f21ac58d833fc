package io.fenz.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.content.domain.ContentEvents;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.app.DeliverNotifications;
import io.fenz.interaction.app.LiveNotifications;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.monetization.domain.MonetizationEvents;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.platform.health.DependencyCheck;
import io.fenz.testing.NatsProcess;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event path on a real nats-server: outbox -> relay -> JetStream -> durable consumer ->
 * notifications. Exactly one visible notification per subscriber and event whatever is repeated,
 * restarted or broken.
 */
@WithFenzServices
class EventsOverNatsTest {
  private static final int SUBSCRIBERS = 120;
  private static TestEnvironment env;
  private static Infrastructure infra;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    assumeTrue(env.hasNats(), "needs FENZ_TEST_NATS_URL");
    infra =
        Infrastructure.open(
            TestConfigs.config(
                env, Map.of("FENZ_FANOUT_BATCH", "25", "FENZ_EVENT_MAX_DELIVERIES", "3")),
            Clock.systemUTC());
    StringBuilder users =
        new StringBuilder(
            "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES ");
    for (int id = 1; id <= SUBSCRIBERS + 1; id++) {
      users
          .append(id == 1 ? "" : ",")
          .append("(")
          .append(id)
          .append(", 'u")
          .append(id)
          .append("@example.com', 'x', 'U', NOW(), NOW())");
    }
    Sql.execute(
        env,
        users.toString(),
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())",
        "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) SELECT id, 1, NOW() FROM users WHERE id > 1");
    for (int video = 1; video <= 40; video++) {
      Sql.execute(
          env,
          "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at) VALUES ("
              + video
              + ", 1, 'v', '', 'k', TRUE, NOW(), NOW())");
    }
  }

  @AfterAll
  static void close() {
    if (infra != null) {
      infra.close();
      TestConfigs.dropStream(env);
    }
  }

  @Test
  void aRepeatedEventHasExactlyOneVisibleEffect() throws Exception {
    EventBus bus = infra.events();
    try (AutoCloseable consumer = bus.consume("notify-repeat", deliver(infra, repository(infra)))) {
      publishVideo(infra, 1);
      relayAll(infra);
      awaitTrue(() -> notificationsOf(1) == SUBSCRIBERS, "every subscriber notified");
      String eventId =
          Sql.text(
              env,
              "SELECT event_id FROM outbox WHERE subject = '"
                  + ContentEvents.VIDEO_PUBLISHED
                  + "' AND JSON_VALUE(payload, '$.videoId') = 1");
      String payload =
          Sql.text(env, "SELECT payload FROM outbox WHERE event_id = '" + eventId + "'");
      long stored = streamMessages();
      assertThat(
              bus.publish(
                  List.of(
                      new EventBus.Outgoing(
                          eventId, ContentEvents.VIDEO_PUBLISHED, payload, null))))
          .isEqualTo(1);
      assertThat(streamMessages())
          .as("the same Nats-Msg-Id is dropped by the stream")
          .isEqualTo(stored);
      // Past the duplicate window (or replayed), the same event arrives again under another message
      // id.
      bus.publish(
          List.of(
              new EventBus.Outgoing(
                  eventId + "-again", ContentEvents.VIDEO_PUBLISHED, payload, null)));
      awaitTrue(
          () -> streamMessages() == stored + 1 && pendingOf("notify-repeat") == 0,
          "the repeat is consumed");
      assertThat(notificationsOf(1)).isEqualTo(SUBSCRIBERS);
      assertThat(
              Sql.count(
                  env,
                  "SELECT COUNT(*) FROM notifications n WHERE n.video_id = 1 GROUP BY n.user_id HAVING COUNT(*) > 1"))
          .isZero();
    }
  }

  @Test
  void malformedAndUnhandleableMessagesAreParkedAndVisibleWhileTheRestFlows() throws Exception {
    var nats = infra.nats();
    String prefix = env.natsStreamPrefix() + ".";
    try (AutoCloseable consumer =
        infra.events().consume("notify-poison", deliver(infra, repository(infra)))) {
      nats.jetStream()
          .publish(
              prefix + ContentEvents.VIDEO_PUBLISHED, "not json".getBytes(StandardCharsets.UTF_8));
      new JdbiOutbox(infra.database(), Clock.systemUTC(), new LocalEvents(Set.of()))
          .append(
              MonetizationEvents.DONATION_PAID,
              Map.of(
                  "donationId",
                  7,
                  "channelId",
                  1,
                  "creatorUserId",
                  1,
                  "amount",
                  100)); // no currency
      publishVideo(infra, 3);
      relayAll(infra);
      awaitTrue(
          () -> notificationsOf(3) == SUBSCRIBERS,
          "the good event after the poison ones is handled");
      awaitTrue(
          () ->
              Sql.count(env, "SELECT COUNT(*) FROM dead_letters WHERE consumer = 'notify-poison'")
                  == 2,
          "both parked");
    }
    var parked = new JdbiDeadLetters(infra.database(), Clock.systemUTC()).list(10, false);
    assertThat(parked)
        .extracting(p -> p.subject())
        .contains(ContentEvents.VIDEO_PUBLISHED, MonetizationEvents.DONATION_PAID);
    assertThat(parked)
        .filteredOn(p -> p.subject().equals(MonetizationEvents.DONATION_PAID))
        .singleElement()
        .satisfies(p -> assertThat(p.error()).contains("currency"));
    long waiting = Sql.count(env, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
    assertThat(
            new JdbiDeadLetters(infra.database(), Clock.systemUTC()).replay(parked.getFirst().id()))
        .isTrue();
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"))
        .as("back on the event path")
        .isEqualTo(waiting + 1);
    assertThat(new JdbiDeadLetters(infra.database(), Clock.systemUTC()).list(10, false))
        .hasSize(parked.size() - 1);
  }

  @Test
  void aNatsRestartDuringAPublishBurstLeavesEverySubscriberExactlyOneNotificationPerVideo()
      throws Exception {
    try (NatsProcess nats = NatsProcess.launch();
        Infrastructure own =
            Infrastructure.open(
                TestConfigs.config(
                    env, Map.of("FENZ_NATS_URL", nats.url(), "FENZ_FANOUT_BATCH", "40")),
                Clock.systemUTC());
        AutoCloseable consumer =
            own.events().consume("notify-restart", deliver(own, repository(own)))) {
      OutboxRelay relay = new OutboxRelay(own.database(), own.events(), Clock.systemUTC());
      for (int video = 10; video < 40; video++) {
        publishVideo(own, video);
        if (video == 20) {
          nats.stop();
          awaitTrue(() -> !natsCheck(own), "/readyz reports NATS down");
        }
        relay.relay(100);
        if (video == 30) {
          assertThat(relay.lag().waiting()).as("rows wait while NATS is down").isEqualTo(11);
          nats.start();
          awaitTrue(() -> natsCheck(own), "the connection comes back");
        }
      }
      awaitTrue(() -> relay.relay(100) == 0 && relay.lag().waiting() == 0, "every row relayed");
      awaitTrue(
          () ->
              Sql.count(env, "SELECT COUNT(*) FROM notifications WHERE video_id BETWEEN 10 AND 39")
                  == 30L * SUBSCRIBERS,
          "every subscriber notified of every video");
      assertThat(
              Sql.count(
                  env,
                  "SELECT COUNT(*) FROM (SELECT user_id, video_id FROM notifications WHERE video_id BETWEEN 10 AND 39"
                      + " GROUP BY user_id, video_id HAVING COUNT(*) > 1) d"))
          .isZero();
    }
  }

  private static boolean natsCheck(Infrastructure infrastructure) {
    DependencyCheck check =
        infrastructure.dependencyChecks().stream()
            .filter(c -> c.name().equals("nats"))
            .findFirst()
            .orElseThrow();
    try {
      check.probe();
      return true;
    } catch (Exception down) {
      return false;
    }
  }

  private static NotificationRepository repository(Infrastructure infrastructure) {
    return new JdbiNotificationRepository(infrastructure.database());
  }

  private static DeliverNotifications deliver(
      Infrastructure infrastructure, NotificationRepository repository) {
    return new DeliverNotifications(
        repository,
        new LiveNotifications(infrastructure.events()),
        infrastructure.config().events(),
        Clock.systemUTC());
  }

  private static void publishVideo(Infrastructure infrastructure, long videoId) {
    new JdbiOutbox(infrastructure.database(), Clock.systemUTC(), new LocalEvents(Set.of()))
        .append(
            ContentEvents.VIDEO_PUBLISHED,
            Map.of("videoId", videoId, "channelId", 1, "accessTier", 0, "tagIds", List.of()));
  }

  private static void relayAll(Infrastructure infrastructure) {
    new OutboxRelay(infrastructure.database(), infrastructure.events(), Clock.systemUTC())
        .relay(1_000);
  }

  private static long notificationsOf(long videoId) {
    return Sql.count(env, "SELECT COUNT(*) FROM notifications WHERE video_id = " + videoId);
  }

  private static long streamMessages() throws Exception {
    return infra
        .nats()
        .jetStreamManagement()
        .getStreamInfo(env.natsStreamPrefix() + "_FENZ")
        .getStreamState()
        .getMsgCount();
  }

  private static long pendingOf(String durable) throws Exception {
    var info =
        infra
            .nats()
            .jetStreamManagement()
            .getConsumerInfo(
                env.natsStreamPrefix() + "_FENZ", env.natsStreamPrefix() + "_" + durable);
    return info.getNumPending() + info.getNumAckPending();
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static void awaitTrue(Check check, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!check.ok()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
