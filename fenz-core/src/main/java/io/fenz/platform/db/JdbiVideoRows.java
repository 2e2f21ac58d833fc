package io.fenz.platform.db;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link VideoRows} on MariaDB/MySQL for a copy that reads {@code columns} (of {@code videos v},
 * channel {@code ch}, owner {@code u}, plus {@code listed} and {@code changed_at}) into rows with
 * {@code mapper}.
 */
public class JdbiVideoRows<R extends ChangedRows.Row> implements VideoRows<R> {
  private final Database db;
  private final String select;
  private final RowMapper<R> mapper;

  protected JdbiVideoRows(Database db, String columns, RowMapper<R> mapper) {
    this.db = db;
    // STRAIGHT_JOIN: videos drive (by id or changed_at); left alone, MariaDB may start from users
    // and sort every video.
    this.select =
        "SELECT STRAIGHT_JOIN v.id, "
            + ListedVideos.CONDITION
            + " AS listed, v.changed_at, "
            + columns
            + " FROM videos v"
            + ListedVideos.JOIN_OWNER;
    this.mapper = mapper;
  }

  protected final Database db() {
    return db;
  }

  @Override
  public final LocalDateTime now() {
    return db.withHandle(h -> h.createQuery("SELECT NOW(3)").mapTo(LocalDateTime.class).one());
  }

  @Override
  public final List<R> listedAfter(long afterId, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    select
                        + " WHERE "
                        + ListedVideos.CONDITION
                        + " AND v.id > :after ORDER BY v.id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(mapper)
                .list());
  }

  @Override
  public final List<R> changedAfter(LocalDateTime changedAt, long afterId, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    select
                        + " WHERE v.changed_at > :changed OR (v.changed_at = :changed AND v.id > :id)"
                        + " ORDER BY v.changed_at, v.id LIMIT :limit")
                .bind("changed", changedAt)
                .bind("id", afterId)
                .bind("limit", limit)
                .map(mapper)
                .list());
  }

  @Override
  public final List<R> byIds(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(select + " WHERE v.id IN (<ids>)")
                .bindList("ids", List.copyOf(videoIds))
                .map(mapper)
                .list());
  }

  @Override
  public final List<R> ofOwners(Collection<Long> ownerIds) {
    if (ownerIds.isEmpty()) {
      return List.of();
    }
    // Channels first: with videos driving, a join on the owner would read every video.
    return db.withHandle(
        h -> {
          List<Long> channels =
              h.createQuery("SELECT id FROM channels WHERE user_id IN (<owners>)")
                  .bindList("owners", List.copyOf(ownerIds))
                  .mapTo(Long.class)
                  .list();
          return channels.isEmpty()
              ? List.<R>of()
              : h.createQuery(select + " WHERE v.channel_id IN (<channels>)")
                  .bindList("channels", channels)
                  .map(mapper)
                  .list();
        });
  }

  @Override
  public final Set<Long> hiddenOwners() {
    return db.withHandle(
        h -> Set.copyOf(h.createQuery(ListedVideos.HIDDEN_OWNERS).mapTo(Long.class).list()));
  }
}
