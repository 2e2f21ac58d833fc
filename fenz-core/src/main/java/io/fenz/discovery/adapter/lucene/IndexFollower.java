package io.fenz.discovery.adapter.lucene;

import dev.failsafe.FailsafeExecutor;
import io.fenz.discovery.port.IndexableVideos;
import io.fenz.platform.concurrent.Futures;
import io.fenz.platform.db.ChangedRows;
import io.fenz.platform.listing.ListingChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LuceneIndex} equal to the listed videos of record: builds it, catches up from the
 * rows whose {@code changed_at} moved and from the set of hidden owners, follows the {@link
 * ListingChanges} log so a search can tell whether the index has applied every announced change,
 * and reconciles deletions (which leave no changed row). Every write goes through one lock, so an
 * older read of a row never overwrites a newer one.
 *
 * <p>Visibility: {@link #upToDate} reads the log's latest position (one Redis read). When the index
 * has applied everything up to it, searches are vouched for; when the log moved on, the new entries
 * are applied first, after any write in progress (a page must hold what was announced before it: a
 * page that skipped them could be checked in MySQL for what it shows, but not for what it misses);
 * when the log is unreachable or lost entries, pages are checked in MySQL until a reconcile has
 * run. The long part of a reconcile (a row id per indexed video) runs outside the lock, so a search
 * waits for at most a catch-up's worth of rows.
 */
public final class IndexFollower {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);

  /** Rows per query, building or catching up. */
  static final int BATCH = 5_000;

  /**
   * How often the rows of every indexed video are checked for existence: a deletion whose
   * announcement was lost (Redis unreachable from the process that made it) leaves no changed row
   * for the catch-up to find.
   */
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);

  /**
   * After the log failed, it is not asked again for this long: a down Redis must not slow every
   * search.
   */
  static final Duration LOG_RETRY = Duration.ofSeconds(1);

  private final IndexableVideos videos;
  private final ListingChanges changes;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile LuceneIndex index;

  /**
   * The {@link ListingChanges} position the published reader includes (set after the reader is
   * published); null while unknown (the log was unreachable or lost entries): pages are then
   * checked in MySQL.
   */
  private volatile String followed;

  /** System.nanoTime before which the log is not asked (after a failure). */
  private volatile long askLogAfter = System.nanoTime();

  /** Used by the catch-up thread only. */
  private long lastReconcile = System.nanoTime();

  private boolean catchUpFailing;

  /** Guarded by writeLock: where the next catch-up starts, hidden owners. */
  private final ChangedRows<IndexableVideos.Row> changed;

  private Set<Long> hiddenOwners = Set.of();

  public IndexFollower(IndexableVideos videos, ListingChanges changes) {
    this.videos = videos;
    this.changes = changes;
    this.changed = new ChangedRows<>(videos, BATCH);
  }

  /** The built index, null until {@link #build} succeeded and after {@link #close}. */
  LuceneIndex index() {
    return index;
  }

  /**
   * A fresh index of every listed video; the catch-up starts from before the scan, so nothing
   * changed during it is lost. Each MySQL read runs through {@code reads} (retried): a read that
   * fails (a saturated pool answers {@code busy}) is run again where the build stands, so under
   * load the build still ends instead of starting over from the first video on every failure.
   */
  void build(FailsafeExecutor<Object> reads) {
    String position =
        positionOrNull(); // before the build reads MySQL: the index then includes what it announces
    writeLock.lock();
    LuceneIndex fresh = LuceneIndex.create();
    try {
      reads.run(changed::startNow);
      // The next batch is read while this one is indexed, so MariaDB and Lucene work at once; on a
      // busy node the reads also get a thread (a share of the cores) of their own.
      try (ExecutorService reader =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("fenz-search-build-read").daemon().factory())) {
        Future<List<IndexableVideos.Row>> next = reader.submit(() -> readAfter(reads, 0));
        List<IndexableVideos.Row> batch;
        while (!(batch = Futures.await(next, "building the search index")).isEmpty()) {
          long after = batch.getLast().id();
          next = reader.submit(() -> readAfter(reads, after));
          fresh.add(batch);
        }
      }
      hiddenOwners = reads.get(videos::hiddenOwners);
      fresh.publish();
      index = fresh;
      followed = position;
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    } finally {
      writeLock.unlock();
    }
  }

  private List<IndexableVideos.Row> readAfter(FailsafeExecutor<Object> reads, long after) {
    return reads.get(() -> videos.listedAfter(after, BATCH));
  }

  /**
   * Whether the index has applied every announced change, following the log first if it moved on.
   */
  boolean upToDate() {
    if (System.nanoTime() - askLogAfter < 0) {
      return false;
    }
    try {
      return changes.latest().equals(followed) || follow();
    } catch (RuntimeException ex) {
      // Announcements made meanwhile may be lost with it: unknown until a reconcile.
      followed = null;
      askLogAfter = System.nanoTime() + LOG_RETRY.toNanos();
      LOG.debug(
          "search index: change log unreachable ({}); pages are checked in MySQL", ex.getMessage());
      return false;
    }
  }

  /**
   * Applies the log's entries since {@link #followed}, after the write in progress if any (or, when
   * that position is unknown or no longer held, a {@link #reconcile}); false only if interrupted
   * while waiting: this page is then checked in MySQL.
   */
  private boolean follow() {
    try {
      writeLock.lockInterruptibly();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      String at = followed;
      Optional<ListingChanges.Since> since = at == null ? Optional.empty() : changes.since(at);
      if (since.isPresent()) {
        if (since.get().owners()) {
          applyHiddenOwners(videos.hiddenOwners());
        }
        reread(since.get().videoIds());
        index.publish();
        followed = since.get().latest();
        return true;
      }
    } finally {
      writeLock.unlock();
    }
    // read before MySQL is: what it announces is in what the reconcile reads
    reconcile(Optional.of(changes.latest()));
    return true;
  }

  /** Re-reads these videos now; a failure is logged and left to the next catch-up. */
  void reindex(Collection<Long> videoIds) {
    if (index == null || videoIds.isEmpty()) {
      return;
    }
    writeLock.lock();
    try {
      reread(videoIds);
      index.publish();
    } catch (RuntimeException e) {
      // The next catch-up applies it (deletions: the next search that meets the id re-checks it).
      LOG.warn(
          "search index: re-reading videos {} failed ({}); the catch-up will retry",
          videoIds,
          e.getMessage());
    } finally {
      writeLock.unlock();
    }
  }

  /** Re-reads these rows (ids without one are deleted); searchable after a publish. */
  private void reread(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return;
    }
    List<IndexableVideos.Row> rows = videos.byIds(videoIds);
    Set<Long> gone = new HashSet<>(videoIds);
    rows.forEach(r -> gone.remove(r.id()));
    index.apply(rows, gone);
  }

  /**
   * Deletions leave no changed row: drops the indexed videos whose row is gone, then catches up and
   * (if given) takes {@code position} as followed. For when announcements may have been missed (the
   * log was unreachable or lost entries), and every {@link #RECONCILE_EVERY}. The rows are looked
   * for without the write lock: an id without a row never gets one back, so the deletions hold
   * whatever was applied meanwhile.
   */
  private void reconcile(Optional<String> position) {
    LuceneIndex current = index;
    if (current == null) {
      return;
    }
    long[] ids = current.ids();
    List<Long> gone = new ArrayList<>();
    for (int from = 0; from < ids.length; from += BATCH) {
      Set<Long> present =
          videos.existingBetween(ids[from], ids[Math.min(from + BATCH, ids.length) - 1]);
      LongStream.of(ids)
          .skip(from)
          .limit(BATCH)
          .filter(id -> !present.contains(id))
          .forEach(gone::add);
    }
    writeLock.lock();
    try {
      current.apply(List.of(), gone);
      catchUp(); // publishes
      position.ifPresent(p -> followed = p);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Applies every change since the last catch-up (rows, owner visibility), made by any process or
   * tool.
   */
  void catchUp() {
    if (index == null) {
      return;
    }
    writeLock.lock();
    try {
      changed.catchUp(fresh -> index.apply(fresh, List.of()));
      applyHiddenOwners(videos.hiddenOwners());
      index.publish(); // once, after every batch: a reader is opened only if something changed
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The background loop's turn: a reconcile when one is due, then a catch-up; failures logged once
   * until it recovers.
   */
  void tick() {
    try {
      if (System.nanoTime() - lastReconcile >= RECONCILE_EVERY.toNanos()) {
        reconcile(Optional.empty());
        lastReconcile = System.nanoTime();
      }
      catchUp();
      if (catchUpFailing) {
        LOG.info("search index: catching up again");
        catchUpFailing = false;
      }
    } catch (RuntimeException e) {
      if (!catchUpFailing) {
        LOG.warn(
            "search index: catch-up failed ({}); searches use the index as of the last catch-up, retrying",
            e.getMessage());
        catchUpFailing = true;
      }
    }
  }

  /**
   * Owners hidden since the last look lose their videos; restored owners get theirs back (their
   * rows did not change).
   */
  private void applyHiddenOwners(Set<Long> hidden) {
    for (long owner : hidden) {
      if (!hiddenOwners.contains(owner)) {
        index.deleteOwner(owner);
      }
    }
    List<Long> restored = hiddenOwners.stream().filter(id -> !hidden.contains(id)).toList();
    index.apply(videos.ofOwners(restored), List.of());
    hiddenOwners = hidden;
  }

  private String positionOrNull() {
    try {
      return changes.latest();
    } catch (RuntimeException e) {
      LOG.warn(
          "search index: change log unreachable ({}); pages are checked in MySQL until it answers",
          e.getMessage());
      return null;
    }
  }

  /** Releases the index; searches then go to the fallback. */
  void close() {
    writeLock.lock();
    try {
      LuceneIndex i = index;
      index = null;
      if (i != null) {
        i.close();
      }
    } finally {
      writeLock.unlock();
    }
  }
}
