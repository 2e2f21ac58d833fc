package io.fenz.platform.db;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The videos of record (MySQL) as an in-process copy of the listed videos reads them (discovery's
 * search index, content's video directory), each copy with its own columns ({@code R}): to load it,
 * to catch up on what changed ({@code changed_at}, on the database's clock) and on hidden owners.
 */
public interface VideoRows<R extends ChangedRows.Row> extends ChangedRows.Source<R> {
  /** Listed videos with id > {@code afterId}, ascending. */
  List<R> listedAfter(long afterId, int limit);

  /** These videos, listed or not; ids without a row are absent. */
  List<R> byIds(Collection<Long> videoIds);

  /** Every video of these owners' channels. */
  List<R> ofOwners(Collection<Long> ownerIds);

  /** The hidden accounts. */
  Set<Long> hiddenOwners();
}
