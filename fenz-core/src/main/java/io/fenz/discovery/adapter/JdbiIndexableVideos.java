package io.fenz.discovery.adapter;

import io.fenz.discovery.port.IndexableVideos;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.JdbiVideoRows;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;

/** {@link IndexableVideos} on MariaDB/MySQL. */
public final class JdbiIndexableVideos extends JdbiVideoRows<IndexableVideos.Row>
    implements IndexableVideos {
  private static final String COLUMNS =
      "v.search_tokens, v.category_id, v.duration_s, v.access_tier, v.published_at,"
          + " v.views_total, ch.user_id AS owner_id";

  @Inject
  public JdbiIndexableVideos(Database db) {
    super(db, COLUMNS, (rs, ctx) -> row(rs));
  }

  @Override
  public Set<Long> existingBetween(long low, long high) {
    return db().withHandle(
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
