package io.fenz.discovery.adapter;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.ListedVideos;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Eligible = published, tier 0, owner not hidden: the only videos the cache may ever hold. */
public final class JdbiFeedSource implements FeedSource {
  private static final String SELECT =
      """
      SELECT v.id, v.title, v.channel_id, ch.name AS channel_name, v.thumbnail_key IS NOT NULL AS has_thumbnail, v.duration_s,
             v.views_member + v.views_non_member AS views, v.published_at,
             (SELECT GROUP_CONCAT(vt.tag_id ORDER BY vt.tag_id) FROM video_tags vt WHERE vt.video_id = v.id) AS tag_ids
      FROM videos v"""
          + ListedVideos.JOIN_OWNER
          + "\n";

  /** Listed and free to watch. */
  private static final String ELIGIBLE = " " + ListedVideos.CONDITION + " AND v.access_tier = 0 ";

  private final Database db;

  @Inject
  public JdbiFeedSource(Database db) {
    this.db = db;
  }

  /**
   * One query walking the primary key, streamed: the driver fetches {@code size} rows at a time as
   * the batches are taken, so MySQL produces the next rows while the batches before are handled,
   * where a query per batch left it idle while each was mapped and handed on. The (is_published,
   * access_tier, ...) index would make MariaDB sort the whole table first. STRAIGHT_JOIN keeps
   * videos first whatever the statistics say: started from the few channels (a plan MariaDB picks
   * for these joins when its estimates are off), it would read every video and sort them. Run again
   * by the pool's retry, it resumes after the last batch handed on.
   */
  @Override
  public void eligibleAfter(long afterId, int size, Consumer<List<FeedCard>> batches) {
    long[] handed = {afterId};
    db.withHandle(
        h ->
            h.createQuery(
                    SELECT
                            .replace("SELECT v.id", "SELECT STRAIGHT_JOIN v.id")
                            .replace("FROM videos v", "FROM videos v FORCE INDEX (PRIMARY)")
                        + " WHERE v.id > :after AND"
                        + ELIGIBLE
                        + "ORDER BY v.id")
                .bind("after", handed[0])
                .setFetchSize(size)
                .map(new CardRows())
                .withIterator(
                    rows -> {
                      List<FeedCard> batch = new ArrayList<>(size);
                      while (rows.hasNext()) {
                        batch.add(rows.next());
                        if (batch.size() == size || !rows.hasNext()) {
                          batches.accept(batch);
                          handed[0] = batch.getLast().videoId();
                          batch = new ArrayList<>(size);
                        }
                      }
                      return null;
                    }));
  }

  @Override
  public Optional<FeedCard> eligible(long videoId) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE v.id = :id AND" + ELIGIBLE)
                .bind("id", videoId)
                .map(new CardRows())
                .findOne());
  }

  @Override
  public List<FeedCard> eligible(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE v.id IN (<ids>) AND" + ELIGIBLE)
                .bindList("ids", List.copyOf(videoIds))
                .map(new CardRows())
                .list());
  }

  @Override
  public List<FeedCard> randomWithTags(Collection<Long> tagIds, int limit) {
    // A random window of the matching ids keeps this off ORDER BY RAND() over the whole table.
    return db.withHandle(
        h -> {
          List<Long> ids =
              h.createQuery(
                      """
              SELECT DISTINCT vt.video_id FROM video_tags vt JOIN videos v ON v.id = vt.video_id"""
                          + ListedVideos.JOIN_OWNER
                          + " WHERE vt.tag_id IN (<tags>) AND"
                          + ELIGIBLE
                          + "LIMIT 2000")
                  .bindList("tags", List.copyOf(tagIds))
                  .mapTo(Long.class)
                  .list();
          List<Long> shuffled = new ArrayList<>(ids);
          java.util.Collections.shuffle(shuffled);
          return eligible(shuffled.subList(0, Math.min(limit, shuffled.size())));
        });
  }

  /**
   * Videos first (STRAIGHT_JOIN), so ix_videos_search_newest walks down from the newest and stops
   * after the page; left alone, MariaDB starts from the channels and sorts every eligible video (a
   * minute per call at 1M videos under load, while the warm-up runs and draws fall back here).
   */
  @Override
  public List<FeedCard> newest(int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    SELECT.replace("SELECT v.id", "SELECT STRAIGHT_JOIN v.id")
                        + " WHERE"
                        + ELIGIBLE
                        + "ORDER BY v.published_at DESC, v.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(new CardRows())
                .list());
  }

  /**
   * On the stored total with videos first, so ix_videos_search_views walks down from the top
   * instead of sorting every eligible video.
   */
  @Override
  public Map<Long, Long> mostViewed(int limit) {
    Map<Long, Long> scores = new LinkedHashMap<>();
    db.withHandle(
        h ->
            h.createQuery(
                    """
            SELECT STRAIGHT_JOIN v.id, v.views_total AS views FROM videos v"""
                        + ListedVideos.JOIN_OWNER
                        + " WHERE"
                        + ELIGIBLE
                        + "AND v.views_total > 0 ORDER BY v.views_total DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> scores.put(rs.getLong("id"), rs.getLong("views")))
                .list());
    return scores;
  }

  @Override
  public List<Long> tagIdsOf(long videoId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT tag_id FROM video_tags WHERE video_id = :id")
                .bind("id", videoId)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<Long> allTagIds() {
    return db.withHandle(h -> h.createQuery("SELECT id FROM tags").mapTo(Long.class).list());
  }

  @Override
  public List<Long> videoIdsOfOwner(long userId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT v.id FROM videos v JOIN channels ch ON ch.id = v.channel_id WHERE ch.user_id = :user")
                .bind("user", userId)
                .mapTo(Long.class)
                .list());
  }

  /**
   * Cards by column position (a lookup by label costs per call, and the warm-up maps a million
   * rows), each channel's name read once per query: a warm-up batch holds many videos of each
   * channel, and the same name copied into each held card was about 60 bytes of it.
   */
  private static final class CardRows implements RowMapper<FeedCard> {
    private final Map<Long, String> channelNames = new HashMap<>();

    @Override
    public FeedCard map(ResultSet rs, StatementContext ctx) throws SQLException {
      long channelId = rs.getLong(3);
      String channelName = channelNames.get(channelId);
      if (channelName == null) {
        channelName = rs.getString(4);
        channelNames.put(channelId, channelName);
      }
      return new FeedCard(
          rs.getLong(1),
          rs.getString(2),
          channelId,
          channelName,
          rs.getBoolean(5),
          rs.getInt(6),
          rs.getLong(7),
          Utc.fromDb(rs.getObject(8, LocalDateTime.class)),
          TagIdList.parse(rs.getString(9)));
    }
  }
}
