package io.fenz.seed;

import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@code fenz seed --videos N}: tops the demo channels up to N extra published videos for
 * benchmarks, in batches of {@link #BATCH} rows per transaction. Titles are the demo titles
 * numbered as episodes; the videos play the shared source clips (no per-video copy), so they are
 * benchmark data: deleting one removes the clip the others play.
 */
final class BulkVideos {
  static final int BATCH = 5_000;
  static final String KEY_PATTERN = DemoMedia.PREFIX + "clips/%";

  private final Database database;
  private final Instant now;

  BulkVideos(Database database, Instant now) {
    this.database = database;
    this.now = now;
  }

  static long count(Database database) {
    return database.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM videos WHERE video_key LIKE :k")
                .bind("k", KEY_PATTERN)
                .mapTo(Long.class)
                .one());
  }

  /** Adds what is missing up to {@code wanted}; returns how many it added. */
  long topUp(long wanted, DemoDataset data, List<DemoMedia.Clip> clips) {
    long existing = count(database);
    if (existing >= wanted) {
      return 0;
    }
    Map<String, long[]> channelOf = new HashMap<>();
    database
        .withHandle(
            h ->
                h.createQuery(
                        """
            SELECT u.email, c.id, MIN(v.category_id) FROM users u JOIN channels c ON c.user_id = u.id JOIN videos v ON v.channel_id = c.id
            WHERE u.email LIKE :domain GROUP BY u.email, c.id""")
                    .bind("domain", "%@" + DemoDataset.EMAIL_DOMAIN)
                    .map(
                        (rs, ctx) ->
                            Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                    .list())
        .forEach(e -> channelOf.put(e.getKey(), e.getValue()));
    Map<String, Long> tagIds = new HashMap<>();
    database
        .withHandle(
            h ->
                h.createQuery("SELECT slug, id FROM tags")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list())
        .forEach(e -> tagIds.put(e.getKey(), e.getValue()));
    Random random = new Random(existing);
    long added = 0;
    while (existing + added < wanted) {
      int size = (int) Math.min(BATCH, wanted - existing - added);
      long episodeBase = existing + added;
      database.inTransaction(
          () ->
              database.withHandle(
                  h -> {
                    long nextId =
                        h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM videos")
                            .mapTo(Long.class)
                            .one();
                    PreparedBatch videos =
                        h.prepareBatch(
                            """
            INSERT INTO videos (id, channel_id, category_id, title, description, duration_s, access_tier, is_published, video_key,
                                thumbnail_key, views_member, views_non_member, published_at, created_at, updated_at, search_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedBatch tags =
                        h.prepareBatch("INSERT INTO video_tags (video_id, tag_id) VALUES (?, ?)");
                    for (int i = 0; i < size; i++) {
                      DemoDataset.DemoVideo source =
                          data.videos().get(random.nextInt(data.videos().size()));
                      DemoMedia.Clip clip = clips.get(source.clip() - 1);
                      long[] channel =
                          channelOf.get(source.creatorHandle() + "@" + DemoDataset.EMAIL_DOMAIN);
                      long id = nextId + i;
                      String title = episodeTitle(source.title(), episodeBase + i + 1);
                      Instant published =
                          now.minus(
                              Duration.ofMinutes(
                                  1 + random.nextLong(DemoWriter.HISTORY.toMinutes())));
                      String thumbnail =
                          clip.thumbnailKeys().isEmpty()
                              ? null
                              : clip.thumbnailKeys()
                                  .get(random.nextInt(clip.thumbnailKeys().size()));
                      videos.add(
                          id,
                          channel[0],
                          channel[1],
                          title,
                          source.description(),
                          clip.seconds(),
                          source.accessTier(),
                          clip.key(),
                          thumbnail,
                          random.nextInt(20),
                          random.nextInt(5_000),
                          Utc.toDb(published),
                          Utc.toDb(published),
                          Utc.toDb(published),
                          SearchTokenizer.indexText(title, source.description()));
                      source.tagSlugs().forEach(slug -> tags.add(id, tagIds.get(slug)));
                    }
                    videos.execute();
                    tags.execute();
                    return null;
                  }));
      added += size;
    }
    return added;
  }

  private static String episodeTitle(String title, long number) {
    boolean english = title.chars().allMatch(ch -> ch < 0x2E80);
    return english ? title + " (Part " + number + ")" : title + "（第 " + number + " 集）";
  }
}
