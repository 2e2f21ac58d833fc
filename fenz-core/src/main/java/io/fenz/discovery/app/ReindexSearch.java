package io.fenz.discovery.app;

import io.fenz.discovery.port.SearchIndex;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.function.Consumer;

/**
 * {@code fenz admin reindex-search}: rebuilds every video's search index entry in id-range batches
 * (short transactions; safe while the app runs; idempotent, so an interrupted run can simply be
 * repeated or resumed with {@code fromId}).
 */
public final class ReindexSearch {
  public static final int DEFAULT_BATCH = 1_000;

  public record Progress(long nextId, long maxId, long seen, long changed) {}

  public record Report(long seen, long changed) {}

  private final SearchIndex index;

  @Inject
  public ReindexSearch(SearchIndex index) {
    this.index = index;
  }

  public Report execute(long fromId, int batchSize, Consumer<Progress> progress) {
    return UseCaseSpan.call("ReindexSearch", () -> perform(fromId, batchSize, progress));
  }

  private Report perform(long fromId, int batchSize, Consumer<Progress> progress) {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("batch size must be between 1 and 100000");
    }
    long max = index.maxVideoId();
    long seen = 0;
    long changed = 0;
    for (long from = Math.max(1, fromId); from <= max; from += batchSize) {
      SearchIndex.Batch batch = index.reindex(from, from + batchSize);
      seen += batch.seen();
      changed += batch.changed();
      progress.accept(new Progress(from + batchSize, max, seen, changed));
    }
    return new Report(seen, changed);
  }
}
