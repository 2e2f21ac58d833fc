package io.fenz.interaction.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.domain.NotificationKind;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.PagedQuery;
import io.fenz.platform.db.Utc;
import io.fenz.platform.json.Json;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Notifications in MySQL. Fan-out is INSERT ... SELECT over the channel's followers in user-id
 * ranges, one statement per batch, never a round trip per follower; it reads the subscription,
 * membership and user rows it selects from (the one place interaction reads other contexts' tables,
 * because a copy of 100k followers would cost more than the join). UNIQUE(user_id, event_id) with
 * INSERT IGNORE makes every write repeatable (the rows selected exist, so IGNORE only ever skips
 * duplicates).
 */
public final class JdbiNotificationRepository implements NotificationRepository {
  private static final ObjectMapper JSON = Json.mapper();
  private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

  /**
   * Followers of a channel who get its videos: subscribers, and members whose membership still
   * grants access.
   */
  private static final String SUBSCRIBERS =
      "SELECT s.user_id FROM channel_subscriptions s WHERE s.channel_id = :channel";

  private static final String MEMBERS =
      "SELECT DISTINCT m.user_id FROM memberships m WHERE m.channel_id = :channel"
          + " AND (m.status IN ('active', 'trialing', 'past_due') OR (m.current_period_end IS NOT NULL AND m.current_period_end > :now))";
  private static final String SELECT =
      """
      SELECT n.id, n.kind, n.video_id, v.title AS video_title, v.thumbnail_key IS NOT NULL AS has_thumbnail, n.channel_id,
             n.actor_user_id, n.detail, n.is_read, n.created_at
      FROM notifications n LEFT JOIN videos v ON v.id = n.video_id
      """;
  private final Database db;

  @Inject
  public JdbiNotificationRepository(Database db) {
    this.db = db;
  }

  @Override
  public void fanOutVideo(
      String eventId,
      long videoId,
      long channelId,
      Instant now,
      int batchSize,
      Consumer<List<Long>> onBatch) {
    boolean listed =
        db.withHandle(
            h ->
                h.createQuery(
                            """
            SELECT COUNT(*) FROM videos v JOIN channels ch ON ch.id = v.channel_id JOIN users u ON u.id = ch.user_id
            WHERE v.id = :video AND v.channel_id = :channel AND v.is_published = TRUE AND u.is_hidden = FALSE""")
                        .bind("video", videoId)
                        .bind("channel", channelId)
                        .mapTo(Integer.class)
                        .one()
                    == 1);
    if (listed) {
      for (String followers : List.of(SUBSCRIBERS, MEMBERS)) {
        fanOut(followers, eventId, videoId, channelId, now, batchSize, onBatch);
      }
    }
  }

  /**
   * Walks {@code followers} in user-id order: one query for a batch's ids, one INSERT ... SELECT
   * for its rows.
   */
  private void fanOut(
      String followers,
      String eventId,
      long videoId,
      long channelId,
      Instant now,
      int batchSize,
      Consumer<List<Long>> onBatch) {
    long after = 0;
    while (true) {
      long from = after;
      List<Long> ids =
          db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT f.user_id FROM ("
                              + followers
                              + ") f WHERE f.user_id > :after"
                              + " ORDER BY f.user_id LIMIT :limit")
                      .bind("channel", channelId)
                      .bind("now", Utc.toDb(now))
                      .bind("after", from)
                      .bind("limit", batchSize)
                      .mapTo(Long.class)
                      .list());
      if (ids.isEmpty()) {
        return;
      }
      long upTo = ids.getLast();
      db.withHandle(
          h ->
              h.createUpdate(
                      """
              INSERT IGNORE INTO notifications (user_id, kind, video_id, channel_id, event_id, created_at)
              SELECT f.user_id, :kind, :video, :channel, :event, :now
              FROM ("""
                          + followers
                          + """
              ) f JOIN users u ON u.id = f.user_id
              WHERE f.user_id > :after AND f.user_id <= :upTo AND u.is_hidden = FALSE""")
                  .bind("kind", NotificationKind.VIDEO_PUBLISHED.code())
                  .bind("video", videoId)
                  .bind("channel", channelId)
                  .bind("event", eventId)
                  .bind("now", Utc.toDb(now))
                  .bind("after", from)
                  .bind("upTo", upTo)
                  .execute());
      onBatch.accept(ids);
      if (ids.size() < batchSize) {
        return;
      }
      after = upTo;
    }
  }

  @Override
  public boolean notifyOne(
      long userId,
      String kind,
      String eventId,
      Long videoId,
      Long channelId,
      Long actorUserId,
      Map<String, Object> detail,
      Instant now) {
    String json;
    try {
      json = detail.isEmpty() ? null : JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("notification detail is not JSON-serialisable", e);
    }
    // A video or channel deleted meanwhile is simply not referenced (no foreign-key failure to
    // redeliver forever).
    return db.withHandle(
            h ->
                h.createUpdate(
                        """
            INSERT IGNORE INTO notifications (user_id, kind, video_id, channel_id, actor_user_id, detail, event_id, created_at)
            SELECT u.id, :kind, (SELECT v.id FROM videos v WHERE v.id = :video), :channel, :actor, :detail, :event, :now
            FROM users u WHERE u.id = :user AND u.is_hidden = FALSE""")
                    .bind("user", userId)
                    .bind("kind", kind)
                    .bind("video", videoId)
                    .bind("channel", channelId)
                    .bind("actor", actorUserId)
                    .bind("detail", json)
                    .bind("event", eventId)
                    .bind("now", Utc.toDb(now))
                    .execute())
        == 1;
  }

  @Override
  public Page<Notification> list(long userId, PageRequest page) {
    return new PagedQuery("notifications n", SELECT, "WHERE n.user_id = :user", "n.id DESC")
        .fetch(db, Map.of("user", userId), page, JdbiNotificationRepository::map);
  }

  @Override
  public StreamStart streamStart(long userId, Long position, int recent) {
    return db.inSnapshot(
        h -> {
          long start =
              position != null
                  ? position
                  : h.createQuery(
                          "SELECT COALESCE(MAX(id), 0) FROM notifications WHERE user_id = :user")
                      .bind("user", userId)
                      .mapTo(Long.class)
                      .one();
          List<Long> recentIds =
              h.createQuery(
                      "SELECT id FROM notifications WHERE user_id = :user AND id <= :position"
                          + " ORDER BY id DESC LIMIT :recent")
                  .bind("user", userId)
                  .bind("position", start)
                  .bind("recent", recent)
                  .mapTo(Long.class)
                  .list();
          long unread =
              h.createQuery(
                      "SELECT COUNT(*) FROM notifications"
                          + " WHERE user_id = :user AND is_read = FALSE AND id <= :position")
                  .bind("user", userId)
                  .bind("position", start)
                  .mapTo(Long.class)
                  .one();
          return new StreamStart(start, unread, recentIds);
        });
  }

  @Override
  public List<Notification> recentAndAfter(long userId, long position, int recent, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "("
                        + SELECT
                        + " WHERE n.user_id = :user AND n.id <= :position ORDER BY n.id DESC LIMIT :recent)"
                        + " UNION ALL ("
                        + SELECT
                        + " WHERE n.user_id = :user AND n.id > :position ORDER BY n.id LIMIT :limit)"
                        + " ORDER BY id")
                .bind("user", userId)
                .bind("position", position)
                .bind("recent", recent)
                .bind("limit", limit)
                .map(JdbiNotificationRepository::map)
                .list());
  }

  @Override
  public long unreadCount(long userId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = :user AND is_read = FALSE")
                .bind("user", userId)
                .mapTo(Long.class)
                .one());
  }

  /**
   * The driver reports matched rows (not changed ones), so an already-read notification of the user
   * still counts.
   */
  @Override
  public boolean markRead(long userId, long notificationId) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE notifications SET is_read = TRUE WHERE id = :id AND user_id = :user")
                    .bind("id", notificationId)
                    .bind("user", userId)
                    .execute())
        == 1;
  }

  @Override
  public void markAllRead(long userId) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE notifications SET is_read = TRUE WHERE user_id = :user AND is_read = FALSE")
                .bind("user", userId)
                .execute());
  }

  private static Notification map(ResultSet rs, StatementContext ctx) throws SQLException {
    String detail = rs.getString("detail");
    Map<String, Object> details;
    try {
      details = detail == null ? Map.of() : JSON.readValue(detail, DETAIL);
    } catch (JsonProcessingException e) {
      throw new SQLException(
          "notification " + rs.getLong("id") + " has a detail that is not JSON", e);
    }
    return new Notification(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getObject("video_id", Long.class),
        rs.getString("video_title"),
        rs.getBoolean("has_thumbnail"),
        rs.getObject("channel_id", Long.class),
        null,
        rs.getObject("actor_user_id", Long.class),
        null,
        details,
        rs.getBoolean("is_read"),
        Utc.fromDb(rs.getObject("created_at", LocalDateTime.class)));
  }
}
