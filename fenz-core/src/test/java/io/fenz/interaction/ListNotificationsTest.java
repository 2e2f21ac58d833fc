package io.fenz.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.identity.adapter.JdbiUserRepository;
import io.fenz.interaction.adapter.IdentityActorNames;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.app.ListNotifications;
import io.fenz.interaction.app.NameNotifications;
import io.fenz.interaction.domain.Notification;
import io.fenz.monetization.adapter.JdbiChannelNames;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bell names who acted and which channel, on real MariaDB through the identity and monetization
 * adapters: as they are when listed (a rename shows), never a hidden or deleted account.
 */
@WithFenzServices
class ListNotificationsTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static TestEnvironment env;
  private static Database db;
  private static JdbiNotificationRepository repository;
  private static ListNotifications notifications;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    db = TestConfigs.migratedDatabase(env, 4);
    repository = new JdbiNotificationRepository(db);
    notifications =
        new ListNotifications(
            repository,
            new NameNotifications(
                new IdentityActorNames(new JdbiUserRepository(db, Clock.systemUTC())),
                new JdbiChannelNames(db)));
    // 1 a creator (channel 1), 2..4 its fans; 5 a creator who gets hidden (channel 5), 6 its fan.
    String[] names = {"", "小明頻道主", "阿華", "Bea", "隱身者", "藏起來的頻道主", "Dee"};
    for (int id = 1; id <= 6; id++) {
      Sql.execute(
          env,
          "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES ("
              + id
              + ", 'u"
              + id
              + "@example.com', 'x', '"
              + names[id]
              + "', NOW(), NOW())");
    }
    Sql.execute(
        env,
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, '小明的頻道', NOW())",
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (5, 5, '祕密頻道', NOW())",
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at) VALUES (50, 5, '夜景', '', 'k', TRUE, NOW(), NOW())");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void theActorAndChannelAreNamedAsTheyAreNowAndAHiddenOrDeletedOneIsNot() {
    notify(1, "new_subscriber", "ev-sub-2", 1L, 2L);
    notify(1, "new_member", "ev-mem-3", 1L, 3L);
    notify(1, "donation_received", "ev-tip-4", 1L, 4L);
    notify(1, "donation_received", "ev-tip-anonymous", 1L, null);
    notify(2, "membership_ending", "ev-end", 1L, null);

    assertThat(named(1))
        .containsExactly(
            "donation_received 小明的頻道 null",
            "donation_received 小明的頻道 隱身者",
            "new_member 小明的頻道 Bea",
            "new_subscriber 小明的頻道 阿華");
    assertThat(named(2)).containsExactly("membership_ending 小明的頻道 null");

    Sql.execute(
        env,
        "UPDATE users SET display_name = '阿華改名了' WHERE id = 2",
        "UPDATE channels SET name = '小明的新頻道' WHERE id = 1",
        "UPDATE users SET is_hidden = TRUE WHERE id = 4",
        "DELETE FROM users WHERE id = 3");
    assertThat(named(1))
        .as("renamed: the new names; hidden (4) and deleted (3): no name")
        .containsExactly(
            "donation_received 小明的新頻道 null",
            "donation_received 小明的新頻道 null",
            "new_member 小明的新頻道 null",
            "new_subscriber 小明的新頻道 阿華改名了");
    assertThat(notifications.execute(1, new PageRequest(1, 10)).items())
        .as("the deleted actor's id is still there, unnamed")
        .filteredOn(n -> n.kind().equals("new_member"))
        .extracting(Notification::actorUserId)
        .containsExactly(3L);
  }

  @Test
  void aPublishedVideoNamesItsChannelUntilTheOwnerIsHidden() {
    Sql.execute(
        env,
        "INSERT INTO channel_subscriptions (user_id, channel_id, created_at) VALUES (6, 5, NOW())");
    repository.fanOutVideo("ev-video", 50, 5, NOW, 100, b -> {});
    assertThat(notifications.execute(6, new PageRequest(1, 10)).items())
        .extracting(n -> n.videoTitle() + " " + n.channelName())
        .containsExactly("夜景 祕密頻道");

    Sql.execute(env, "UPDATE users SET is_hidden = TRUE WHERE id = 5");
    assertThat(notifications.execute(6, new PageRequest(1, 10)).items())
        .extracting(Notification::channelName)
        .containsExactly((String) null);
  }

  private static void notify(long to, String kind, String eventId, Long channel, Long actor) {
    assertThat(repository.notifyOne(to, kind, eventId, null, channel, actor, Map.of(), NOW))
        .isTrue();
  }

  private static List<String> named(long userId) {
    return notifications.execute(userId, new PageRequest(1, 10)).items().stream()
        .map(n -> n.kind() + " " + n.channelName() + " " + n.actorName())
        .toList();
  }
}
