package io.fenz.discovery.port;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The videos of record (MySQL) as an in-process search index reads them: to build it, to catch up
 * on what changed, and to reconcile deletions. {@code changedAt} and {@link #now} are the
 * database's clock, which maintains {@code changed_at} on every change whoever makes it.
 */
public interface IndexableVideos {
  /**
   * One video's indexed fields; {@code tokens} as stored by the search tokenizer, title section
   * first.
   */
  record Row(
      long id,
      boolean listed,
      String tokens,
      Long categoryId,
      int durationSeconds,
      int tier,
      Instant publishedAt,
      long views,
      LocalDateTime changedAt,
      long ownerId) {}

  /** The database's clock. */
  LocalDateTime now();

  /** Listed videos with id > {@code afterId}, ascending. */
  List<Row> listedAfter(long afterId, int limit);

  /**
   * Every video (listed or not) changed after ({@code changedAt}, {@code afterId}), in (changed_at,
   * id) order.
   */
  List<Row> changedAfter(LocalDateTime changedAt, long afterId, int limit);

  /** These videos, listed or not; ids without a row are absent. */
  List<Row> byIds(Collection<Long> videoIds);

  /** Every video of these owners' channels. */
  List<Row> ofOwners(Collection<Long> ownerIds);

  /** The hidden accounts. */
  Set<Long> hiddenOwners();

  /** The ids of the videos that exist with {@code low <= id <= high}. */
  Set<Long> existingBetween(long low, long high);
}
