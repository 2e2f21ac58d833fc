package io.fenz.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.domain.StreamCursor;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.testing.Sql;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fan-out and single notifications on real MariaDB: who gets a published video (subscribers and
 * active members, once each, hidden users none), batching, and that writing an event again changes
 * nothing.
 */
@WithFenzServices
class NotificationRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static TestEnvironment env;
  private static Database db;
  private static JdbiNotificationRepository notifications;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    db = new Database(new FenzConfig.Database(env.jdbcUrl(), null, null, 4));
    db.migrate();
    notifications = new JdbiNotificationRepository(db);
    for (int id = 1; id <= 30; id++) {
      Sql.execute(
          env,
          "INSERT INTO users (id, email, password_hash, display_name, is_hidden, created_at, updated_at) VALUES ("
              + id
              + ", 'u"
              + id
              + "@example.com', 'x', 'U', "
              + (id == 5 || id == 25 ? "TRUE" : "FALSE")
              + ", NOW(), NOW())");
    }
    Sql.execute(
        env,
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())",
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at) VALUES (10, 1, '新片', '', 'k', TRUE, NOW(), NOW())",
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at) VALUES (11, 1, '草稿', '', 'k', FALSE, NOW(), NOW())");
    // Subscribers 2..20 (5 is hidden); members: 18..22 active (overlapping subscribers 18..20; 25
    // hidden), 23 canceled but paid up,
    // 24 ended.
    for (int id = 2; id <= 20; id++) {
      Sql.execute(
          env,
          "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) VALUES ("
              + id
              + ", 1, NOW())");
    }
    for (int id : new int[] {18, 19, 20, 21, 22, 25}) {
      member(id, "active", null);
    }
    member(23, "canceled", "2027-01-01 00:00:00");
    member(24, "canceled", "2026-01-01 00:00:00");
  }

  private static void member(int userId, String status, String periodEnd) {
    Sql.execute(
        env,
        "INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, updated_from_event_at, created_at)"
            + " VALUES ("
            + userId
            + ", 1, 'sub_"
            + userId
            + "', '"
            + status
            + "', "
            + (periodEnd == null ? "NULL" : "'" + periodEnd + "'")
            + ", NOW(), NOW())");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aPublishedVideoReachesEveryVisibleSubscriberAndActiveMemberOnceInBatches() {
    List<List<Long>> batches = new ArrayList<>();
    notifications.fanOutVideo("ev-1", 10, 1, NOW, 4, batches::add);
    List<Long> recipients = recipientsOf("ev-1");
    List<Long> expected = new ArrayList<>();
    for (long id = 2; id <= 23; id++) {
      if (id != 5) {
        expected.add(id);
      }
    }
    assertThat(recipients).containsExactlyElementsOf(expected);
    assertThat(batches)
        .as("batches of at most 4 ids, subscribers then members")
        .allSatisfy(b -> assertThat(b).hasSizeBetween(1, 4));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(19 + 7);

    notifications.fanOutVideo("ev-1", 10, 1, NOW, 4, b -> {});
    assertThat(recipientsOf("ev-1"))
        .as("redelivered: nothing new")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void anUnpublishedOrMissingVideoNotifiesNoOne() {
    notifications.fanOutVideo("ev-draft", 11, 1, NOW, 100, b -> {});
    notifications.fanOutVideo("ev-gone", 999, 1, NOW, 100, b -> {});
    assertThat(recipientsOf("ev-draft")).isEmpty();
    assertThat(recipientsOf("ev-gone")).isEmpty();
  }

  @Test
  void singleNotificationsSkipHiddenUsersAndRepeatsAndListNewestFirst() {
    assertThat(
            notifications.notifyOne(5, "new_subscriber", "ev-hidden", null, 1L, 2L, Map.of(), NOW))
        .isFalse();
    assertThat(
            notifications.notifyOne(
                30,
                "donation_received",
                "ev-d",
                999L,
                1L,
                2L,
                Map.of("amount", 500, "currency", "TWD"),
                NOW))
        .as("a video deleted meanwhile is not referenced")
        .isTrue();
    assertThat(
            notifications.notifyOne(
                30,
                "donation_received",
                "ev-d",
                999L,
                1L,
                2L,
                Map.of("amount", 500, "currency", "TWD"),
                NOW))
        .isFalse();
    assertThat(notifications.notifyOne(30, "new_subscriber", "ev-s", null, 1L, 3L, Map.of(), NOW))
        .isTrue();

    var page = notifications.list(30, new PageRequest(1, 10));
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.items())
        .extracting(n -> n.kind())
        .containsExactly("new_subscriber", "donation_received");
    assertThat(page.items().get(1).detail())
        .containsEntry("amount", 500)
        .containsEntry("currency", "TWD");
    assertThat(page.items().get(1).videoId()).isNull();
    assertThat(notifications.unreadCount(30)).isEqualTo(2);

    long newest = page.items().getFirst().id();
    assertThat(notifications.markRead(2, newest)).as("someone else's").isFalse();
    assertThat(notifications.markRead(30, newest)).isTrue();
    assertThat(notifications.markRead(30, newest)).as("already read is still the user's").isTrue();
    assertThat(notifications.unreadCount(30)).isEqualTo(1);
    notifications.markAllRead(30);
    assertThat(notifications.unreadCount(30)).isZero();
    assertThat(notifications.recentAndAfter(30, page.items().get(1).id(), 1, 10))
        .extracting(n -> n.id())
        .containsExactly(page.items().get(1).id(), newest);
  }

  @Test
  void aStreamStartsWhereItsUnreadCountStopsAndGetsRowsCommittedOutOfIdOrder() throws Exception {
    long user = 29;
    assertThat(notifications.streamStart(user, null, 3))
        .isEqualTo(new NotificationRepository.StreamStart(0, 0, List.of()));
    notifications.notifyOne(user, "new_subscriber", "ev-29-a", null, 1L, 2L, Map.of(), NOW);
    notifications.notifyOne(user, "new_subscriber", "ev-29-b", null, 1L, 3L, Map.of(), NOW);
    var page = notifications.list(user, new PageRequest(1, 10));
    long newest = page.items().getFirst().id();
    long older = page.items().get(1).id();
    notifications.markRead(user, newest);
    assertThat(notifications.streamStart(user, null, 3))
        .as("the newest id; one unread")
        .isEqualTo(new NotificationRepository.StreamStart(newest, 1, List.of(newest, older)));
    assertThat(notifications.streamStart(user, older, 1))
        .as("resuming: counted up to the given id")
        .isEqualTo(new NotificationRepository.StreamStart(older, 1, List.of(older)));

    var start = notifications.streamStart(user, null, 3);
    StreamCursor cursor = new StreamCursor(start.position(), start.recentIds(), 3);
    try (Connection slow = db.dataSource().getConnection()) {
      slow.setAutoCommit(false);
      try (var insert = slow.createStatement()) {
        insert.executeUpdate(
            "INSERT INTO notifications (user_id, kind, event_id, created_at)"
                + " VALUES (29, 'new_subscriber', 'ev-29-slow', NOW())");
      }
      notifications.notifyOne(user, "new_subscriber", "ev-29-fast", null, 1L, 4L, Map.of(), NOW);
      assertThat(eventsSent(cursor, user)).containsExactly("ev-29-fast");
      slow.commit();
    }
    assertThat(eventsSent(cursor, user))
        .as("the row that got the lower id but committed later")
        .containsExactly("ev-29-slow");
    assertThat(eventsSent(cursor, user)).isEmpty();
  }

  private static List<String> eventsSent(StreamCursor cursor, long user) {
    List<String> sent = new ArrayList<>();
    cursor.catchUp(
        notifications.recentAndAfter(user, cursor.position(), 3, 500),
        due -> due.forEach(n -> sent.add(eventIdOf(n.id()))));
    return sent;
  }

  private static String eventIdOf(long notificationId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT event_id FROM notifications WHERE id = :id")
                .bind("id", notificationId)
                .mapTo(String.class)
                .one());
  }

  private static List<Long> recipientsOf(String eventId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT user_id FROM notifications WHERE event_id = :e ORDER BY user_id")
                .bind("e", eventId)
                .mapTo(Long.class)
                .list());
  }
}
