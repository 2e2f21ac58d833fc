package io.fenz.discovery.port;

import io.fenz.platform.db.ChangedRows;
import io.fenz.platform.db.VideoRows;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * The videos of record (MySQL) as an in-process search index reads them: to build it, to catch up
 * on what changed, and to reconcile deletions. {@code changedAt} and {@link #now} are the
 * database's clock, which maintains {@code changed_at} on every change whoever makes it.
 */
public interface IndexableVideos extends VideoRows<IndexableVideos.Row> {
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
      long ownerId)
      implements ChangedRows.Row {}

  /** The ids of the videos that exist with {@code low <= id <= high}. */
  Set<Long> existingBetween(long low, long high);
}
