package io.fenz.content.adapter;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.ListedVideos;
import io.fenz.platform.db.PagedQuery;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Videos' rows; their search tokens are discovery's, written by its listener after commit. */
public final class JdbiVideoRepository implements VideoRepository {
  /** Videos joined with their channel and owner, tag ids folded into one column. */
  static final String SELECT =
      """
      SELECT v.id, v.channel_id, ch.user_id AS owner_id, ch.name AS channel_name, u.is_hidden AS owner_hidden, v.category_id,
             v.title, v.description, v.duration_s, v.access_tier, v.is_published, v.video_key, v.thumbnail_key,
             v.views_member, v.views_non_member, v.published_at, v.created_at, v.updated_at,
             (SELECT GROUP_CONCAT(vt.tag_id ORDER BY vt.tag_id) FROM video_tags vt WHERE vt.video_id = v.id) AS tag_ids
      FROM videos v"""
          + ListedVideos.JOIN_OWNER
          + "\n";

  private final Database db;

  @Inject
  public JdbiVideoRepository(Database db) {
    this.db = db;
  }

  @Override
  public long insert(NewVideo video, Instant now) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  long id =
                      h.createUpdate(
                              """
              INSERT INTO videos (channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key,
                                  thumbnail_key, created_at, updated_at)
              VALUES (:channel, :category, :title, :description, :duration, :tier, FALSE, :videoKey, :thumbKey, :now, :now)""")
                          .bind("channel", video.channelId())
                          .bind("category", video.categoryId())
                          .bind("title", video.title())
                          .bind("description", video.description())
                          .bind("duration", video.durationSeconds())
                          .bind("tier", video.accessTier().code())
                          .bind("videoKey", video.videoKey())
                          .bind("thumbKey", video.thumbnailKey())
                          .bind("now", Utc.toDb(now))
                          .executeAndReturnGeneratedKeys("id")
                          .mapTo(Long.class)
                          .one();
                  replaceTags(h, id, video.tagIds());
                  return id;
                }));
  }

  @Override
  public Optional<Video> findById(long id) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE v.id = :id")
                .bind("id", id)
                .map(JdbiVideoRepository::map)
                .findOne());
  }

  @Override
  public List<Video> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE v.id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map(JdbiVideoRepository::map)
                .list());
  }

  @Override
  public Set<Long> listedAmong(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return db.withHandle(
        h ->
            Set.copyOf(
                h.createQuery(
                        "SELECT STRAIGHT_JOIN v.id FROM videos v"
                            + ListedVideos.JOIN_OWNER
                            + " WHERE v.id IN (<ids>) AND "
                            + ListedVideos.CONDITION)
                    .bindList("ids", List.copyOf(ids))
                    .mapTo(Long.class)
                    .list()));
  }

  @Override
  public void update(long id, Edit edit, Instant now) {
    db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  h.createUpdate(
                          """
              UPDATE videos SET category_id = :category, title = :title, description = :description, access_tier = :tier,
                     thumbnail_key = :thumbKey, updated_at = :now
              WHERE id = :id""")
                      .bind("category", edit.categoryId())
                      .bind("title", edit.title())
                      .bind("description", edit.description())
                      .bind("tier", edit.accessTier().code())
                      .bind("thumbKey", edit.thumbnailKey())
                      .bind("now", Utc.toDb(now))
                      .bind("id", id)
                      .execute();
                  replaceTags(h, id, edit.tagIds());
                  return null;
                }));
  }

  private static void replaceTags(Handle h, long videoId, List<Long> tagIds) {
    h.createUpdate("DELETE FROM video_tags WHERE video_id = :id").bind("id", videoId).execute();
    if (!tagIds.isEmpty()) {
      var batch = h.prepareBatch("INSERT INTO video_tags (video_id, tag_id) VALUES (:video, :tag)");
      tagIds.forEach(tag -> batch.bind("video", videoId).bind("tag", tag).add());
      batch.execute();
    }
  }

  @Override
  public boolean lockPublished(long id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT is_published FROM videos WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
  }

  @Override
  public void setPublished(long id, boolean published, Instant publishedAt, Instant now) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE videos SET is_published = :published, published_at = :publishedAt, updated_at = :now WHERE id = :id")
                .bind("published", published)
                .bind("publishedAt", Utc.toDb(publishedAt))
                .bind("now", Utc.toDb(now))
                .bind("id", id)
                .execute());
  }

  @Override
  public boolean delete(long id) {
    return db.withHandle(
            h -> h.createUpdate("DELETE FROM videos WHERE id = :id").bind("id", id).execute())
        == 1;
  }

  @Override
  public Page<Video> listByChannel(long channelId, boolean includeUnpublished, PageRequest page) {
    return new PagedQuery(
            "videos v" + ListedVideos.JOIN_OWNER,
            SELECT,
            "WHERE v.channel_id = :channel"
                + (includeUnpublished ? "" : " AND " + ListedVideos.CONDITION),
            "COALESCE(v.published_at, v.created_at) DESC, v.id DESC")
        .fetch(db, Map.of("channel", channelId), page, JdbiVideoRepository::map);
  }

  @Override
  public List<Video> allOfOwner(long userId) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE ch.user_id = :user ORDER BY v.id")
                .bind("user", userId)
                .map(JdbiVideoRepository::map)
                .list());
  }

  @Override
  public void setThumbnail(long id, String thumbnailKey) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE videos SET thumbnail_key = :key WHERE id = :id AND thumbnail_key IS NULL")
                .bind("key", thumbnailKey)
                .bind("id", id)
                .execute());
  }

  /**
   * The worker's poll (every 30 s): STRAIGHT_JOIN makes videos drive through
   * ix_videos_thumbnail_todo (V11), which stops at the 20th match in id order; left alone, MariaDB
   * may start from the few channels and sort their videos.
   */
  @Override
  public List<Video> needingThumbnail(int maxAttempts, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    SELECT.replace("SELECT v.id", "SELECT STRAIGHT_JOIN v.id")
                        + " WHERE v.thumbnail_key IS NULL AND v.media_attempts < :max ORDER BY v.id LIMIT :limit")
                .bind("max", maxAttempts)
                .bind("limit", limit)
                .map(JdbiVideoRepository::map)
                .list());
  }

  @Override
  public void countMediaAttempt(long id) {
    db.withHandle(
        h ->
            h.createUpdate("UPDATE videos SET media_attempts = media_attempts + 1 WHERE id = :id")
                .bind("id", id)
                .execute());
  }

  static Video map(ResultSet rs, StatementContext ctx) throws SQLException {
    String tagIds = rs.getString("tag_ids");
    Long category = rs.getObject("category_id", Long.class);
    return new Video(
        rs.getLong("id"),
        rs.getLong("channel_id"),
        rs.getLong("owner_id"),
        rs.getString("channel_name"),
        rs.getBoolean("owner_hidden"),
        category,
        rs.getString("title"),
        rs.getString("description"),
        rs.getInt("duration_s"),
        AccessTier.of(rs.getInt("access_tier")),
        rs.getBoolean("is_published"),
        rs.getString("video_key"),
        rs.getString("thumbnail_key"),
        rs.getLong("views_member"),
        rs.getLong("views_non_member"),
        Utc.fromDb(rs.getObject("published_at", LocalDateTime.class)),
        Utc.fromDb(rs.getObject("created_at", LocalDateTime.class)),
        Utc.fromDb(rs.getObject("updated_at", LocalDateTime.class)),
        tagIds == null ? List.of() : Arrays.stream(tagIds.split(",")).map(Long::valueOf).toList());
  }
}
