package io.fenz.platform.db;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where an in-process copy of {@code videos} (search index, video directory) stands in the rows
 * whose {@code changed_at} moved (index {@code ix_videos_changed}): each {@link #catchUp} hands
 * over every row changed since the last one, in batches. Not thread-safe: the copy serializes its
 * writes.
 */
public final class ChangedRows<R extends ChangedRows.Row> {
  /** A row as the copy reads it: its id and the database's {@code changed_at}. */
  public interface Row {
    long id();

    LocalDateTime changedAt();
  }

  /** The table, on the database's clock. */
  public interface Source<R> {
    LocalDateTime now();

    /** Rows changed after ({@code changedAt}, {@code afterId}), in (changed_at, id) order. */
    List<R> changedAfter(LocalDateTime changedAt, long afterId, int limit);
  }

  /**
   * A row's changed_at is taken when its statement runs, not when it commits: each catch-up
   * re-reads this far back so a transaction that committed late is not missed (rows already handed
   * over are skipped).
   */
  public static final Duration OVERLAP = Duration.ofSeconds(5);

  private final Source<R> source;
  private final int batch;
  private LocalDateTime caughtUpTo;

  /** Rows handed over within the overlap: id -> changed_at. */
  private final Map<Long, LocalDateTime> recentlyApplied = new HashMap<>();

  public ChangedRows(Source<R> source, int batch) {
    this.source = source;
    this.batch = batch;
  }

  /** Before a full scan of the table: the next catch-up starts from now. */
  public void startNow() {
    caughtUpTo = source.now();
    recentlyApplied.clear();
  }

  /** Hands every row changed since the last catch-up (or {@link #startNow}) to {@code apply}. */
  public void catchUp(Consumer<List<R>> apply) {
    LocalDateTime now = source.now();
    LocalDateTime horizon = now.minus(OVERLAP); // the next catch-up re-reads from here
    LocalDateTime afterChanged = caughtUpTo.minus(OVERLAP);
    long afterId = 0;
    List<R> page;
    do {
      page = source.changedAfter(afterChanged, afterId, batch);
      List<R> fresh =
          page.stream().filter(r -> !r.changedAt().equals(recentlyApplied.get(r.id()))).toList();
      apply.accept(fresh);
      fresh.stream()
          .filter(r -> !r.changedAt().isBefore(horizon))
          .forEach(r -> recentlyApplied.put(r.id(), r.changedAt()));
      if (!page.isEmpty()) {
        afterChanged = page.getLast().changedAt();
        afterId = page.getLast().id();
      }
    } while (page.size() == batch);
    recentlyApplied.values().removeIf(changedAt -> changedAt.isBefore(horizon));
    caughtUpTo = now;
  }
}
