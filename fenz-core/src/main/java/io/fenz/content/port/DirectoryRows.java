package io.fenz.content.port;

import io.fenz.platform.db.ChangedRows;
import io.fenz.platform.db.VideoRows;
import java.time.LocalDateTime;

/** The videos of record (MySQL) as the {@link VideoDirectory} reads them. */
public interface DirectoryRows extends VideoRows<DirectoryRows.Row> {
  /** One video's visibility facts; {@code tier} as stored ({@code AccessTier} code). */
  record Row(
      long id, boolean listed, long channelId, long ownerId, int tier, LocalDateTime changedAt)
      implements ChangedRows.Row {}
}
