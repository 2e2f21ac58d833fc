package io.fenz.content.port;

import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import java.time.Instant;

/** View counters (videos.views_member / views_non_member) and view_records. */
public interface ViewRepository {
  /**
   * Applies the whole batch in one transaction that also records its id; false, changing nothing,
   * if that id was applied before. Views of videos or users deleted meanwhile are dropped.
   */
  boolean apply(ViewBatch batch, Instant appliedAt);

  /** Counts one view directly, for when the buffer is unreachable. */
  void add(View view);
}
