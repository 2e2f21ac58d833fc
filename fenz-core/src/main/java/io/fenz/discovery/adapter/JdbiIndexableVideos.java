package io.fenz.discovery.adapter;

import io.fenz.discovery.port.IndexableVideos;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.ListedVideos;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** {@link IndexableVideos} on MariaDB/MySQL. */
public final class JdbiIndexableVideos implements IndexableVideos {
  /**
   * STRAIGHT_JOIN: videos drive (by id or changed_at); left alone, MariaDB may start from users and
   * sort every video.
   */
  private static final String ROW =
      "SELECT STRAIGHT_JOIN v.id, "
          + ListedVideos.CONDITION
          + " AS listed, v.search_tokens, v.category_id,"
          + " v.duration_s, v.access_tier, v.published_at, v.views_total, v.changed_at, ch.user_id AS owner_id"
          + " FROM videos v"
          + ListedVideos.JOIN_OWNER;

  private final Database db;

  @Inject
  public JdbiIndexableVideos(Database db) {
    this.db = db;
  }

  @Override
  public LocalDateTime now() {
    return db.withHandle(h -> h.createQuery("SELECT NOW(3)").mapTo(LocalDateTime.class).one());
  }

  @Override
  public List<Row> listedAfter(long afterId, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    ROW
                        + " WHERE "
                        + ListedVideos.CONDITION
                        + " AND v.id > :after ORDER BY v.id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public List<Row> changedAfter(LocalDateTime changedAt, long afterId, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    ROW
                        + " WHERE v.changed_at > :changed OR (v.changed_at = :changed AND v.id > :id)"
                        + " ORDER BY v.changed_at, v.id LIMIT :limit")
                .bind("changed", changedAt)
                .bind("id", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public List<Row> byIds(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(ROW + " WHERE v.id IN (<ids>)")
                .bindList("ids", List.copyOf(videoIds))
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public List<Row> ofOwners(Collection<Long> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h -> {
          List<Long> channels =
              h.createQuery("SELECT id FROM channels WHERE user_id IN (<owners>)")
                  .bindList("owners", List.copyOf(ownerIds))
                  .mapTo(Long.class)
                  .list();
          return channels.isEmpty()
              ? List.<Row>of()
              : h.createQuery(ROW + " WHERE v.channel_id IN (<channels>)")
                  .bindList("channels", channels)
                  .map((rs, ctx) -> row(rs))
                  .list();
        });
  }

  @Override
  public Set<Long> hiddenOwners() {
    // Both roles listed so that ix_users_role_hidden (role, is_hidden) answers from the index.
    return db.withHandle(
        h ->
            Set.copyOf(
                h.createQuery(
                        "SELECT id FROM users WHERE role IN ('USER', 'ADMIN') AND is_hidden = TRUE")
                    .mapTo(Long.class)
                    .list()));
  }

  @Override
  public Set<Long> existingBetween(long low, long high) {
    return db.withHandle(
        h ->
            Set.copyOf(
                h.createQuery("SELECT id FROM videos WHERE id BETWEEN :low AND :high")
                    .bind("low", low)
                    .bind("high", high)
                    .mapTo(Long.class)
                    .list()));
  }

  private static Row row(ResultSet rs) throws SQLException {
    LocalDateTime published = rs.getObject("published_at", LocalDateTime.class);
    return new Row(
        rs.getLong("id"),
        rs.getBoolean("listed"),
        rs.getString("search_tokens"),
        rs.getObject("category_id", Long.class),
        rs.getInt("duration_s"),
        rs.getInt("access_tier"),
        published == null ? Instant.EPOCH : Utc.fromDb(published),
        rs.getLong("views_total"),
        rs.getObject("changed_at", LocalDateTime.class),
        rs.getLong("owner_id"));
  }
}
