package io.fenz.content.adapter;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ListedVideo;
import io.fenz.content.port.DirectoryRows;
import io.fenz.content.port.VideoDirectory;
import io.fenz.platform.db.ChangedRows;
import io.fenz.platform.listing.ListingChanges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VideoDirectory} in a {@link ListedVideoTable}: loaded from the listed videos, then every
 * {@link #CATCH_UP_EVERY} it applies the {@link ListingChanges} log (videos changed or deleted
 * through the app, by any process), the rows whose {@code changed_at} moved (any change, raw SQL
 * included) and the hidden owners. A deletion leaves no changed row: one made behind the app's back
 * leaves the directory at the next full reload ({@link #RELOAD_EVERY}, or at once when the log lost
 * entries); its views are dropped by the flush meanwhile. Writes go through one lock, so an older
 * read of a row never overwrites a newer one.
 */
@Singleton
public final class FollowedVideoDirectory implements VideoDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(FollowedVideoDirectory.class);

  /** Rows per query, loading or catching up. */
  static final int BATCH = 5_000;

  static final Duration CATCH_UP_EVERY = Duration.ofSeconds(1);

  /** Full reloads: the only way to see deletions made behind the app's back (raw SQL). */
  static final Duration RELOAD_EVERY = Duration.ofMinutes(10);

  private final DirectoryRows rows;
  private final ListingChanges changes;
  private final MeterRegistry meters;
  private final ReentrantLock writeLock = new ReentrantLock();

  /** Null until loaded: every lookup then misses. */
  private volatile ListedVideoTable table;

  /** Guarded by writeLock. */
  private final ChangedRows<DirectoryRows.Row> changed;

  private Set<Long> hiddenOwners = Set.of();

  /**
   * The log position applied; null when unknown (the log was unreachable): reload when it is back.
   */
  private String followed;

  private long loadedAt;
  private boolean failing;
  private ScheduledExecutorService loop;

  @Inject
  public FollowedVideoDirectory(DirectoryRows rows, ListingChanges changes, MeterRegistry meters) {
    this.rows = rows;
    this.changes = changes;
    this.meters = meters;
    this.changed = new ChangedRows<>(rows, BATCH);
  }

  @Override
  public Optional<ListedVideo> find(long videoId) {
    ListedVideoTable t = table;
    return t == null ? Optional.empty() : Optional.ofNullable(t.find(videoId));
  }

  @Override
  public synchronized void start() {
    if (loop != null) {
      return;
    }
    loop =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fenz-video-directory").daemon().factory());
    tick(); // the load, on the caller's thread
    // On /metrics: NaN until loaded, then the listed videos held.
    Gauge.builder("fenz.views.directory.videos", this, FollowedVideoDirectory::videos)
        .strongReference(true)
        .register(meters);
    long every = CATCH_UP_EVERY.toMillis();
    loop.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The background loop's turn: the load (until one succeeds, and when due), else a catch-up;
   * failures logged once until it recovers.
   */
  void tick() {
    writeLock.lock();
    try {
      if (table == null || System.nanoTime() - loadedAt >= RELOAD_EVERY.toNanos() || !followLog()) {
        load();
      } else {
        changed.catchUp(this::apply);
        applyHiddenOwners(rows.hiddenOwners());
        table.foldIfLarge();
      }
      if (failing) {
        LOG.info("video directory: following MySQL again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        LOG.warn(
            table == null
                ? "video directory: load failed ({}); views read MySQL, retrying"
                : "video directory: catch-up failed ({}); views are checked as of its last turn, retrying",
            e.getMessage());
        failing = true;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Every listed video, into a new table that replaces the old one (which serves meanwhile). The
   * catch-up then starts from before the scan; hidden owners are read before it too, so an owner
   * hidden or restored during the scan is applied at the next catch-up.
   */
  private void load() {
    long started = System.nanoTime();
    // Until this load succeeds a reload stays due: a failed one has already moved the catch-up on.
    loadedAt = started - RELOAD_EVERY.toNanos();
    String position = positionOrNull();
    changed.startNow();
    Set<Long> hidden = rows.hiddenOwners();
    ListedVideoTable.Builder builder = new ListedVideoTable.Builder(BATCH);
    long after = 0;
    List<DirectoryRows.Row> batch;
    while (!(batch = rows.listedAfter(after, BATCH)).isEmpty()) {
      batch.forEach(r -> builder.add(facts(r)));
      after = batch.getLast().id();
    }
    ListedVideoTable loaded = builder.build();
    table = loaded;
    hiddenOwners = hidden;
    followed = position;
    loadedAt = started;
    LOG.info(
        "video directory loaded: {} videos ({} MB) in {} ms",
        loaded.size(),
        loaded.baseBytes() >> 20,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Applies the log's entries since {@link #followed}; false when a reload is needed instead (the
   * log lost entries, or was unreachable and answers again). An unreachable log is left to the next
   * turn: the catch-up from {@code changed_at} still runs.
   */
  private boolean followLog() {
    try {
      if (followed == null) {
        followed = changes.latest();
        return false;
      }
      Optional<ListingChanges.Since> since = changes.since(followed);
      if (since.isEmpty()) {
        return false;
      }
      reread(since.get().videoIds());
      followed = since.get().latest();
      return true;
    } catch (RuntimeException e) {
      if (followed != null) {
        LOG.debug("video directory: change log unreachable ({})", e.getMessage());
      }
      followed = null;
      return true;
    }
  }

  /** Re-reads these videos; ids without a row are deleted. */
  private void reread(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return;
    }
    List<DirectoryRows.Row> found = rows.byIds(videoIds);
    Set<Long> gone = new HashSet<>(videoIds);
    found.forEach(r -> gone.remove(r.id()));
    apply(found);
    gone.forEach(table::remove);
  }

  private void apply(List<DirectoryRows.Row> changedRows) {
    for (DirectoryRows.Row row : changedRows) {
      if (row.listed()) {
        table.put(facts(row));
      } else {
        table.remove(row.id());
      }
    }
  }

  /** Owners hidden since the last look lose their videos; restored owners get theirs back. */
  private void applyHiddenOwners(Set<Long> hidden) {
    table.removeOwners(hidden.stream().filter(id -> !hiddenOwners.contains(id)).toList());
    apply(rows.ofOwners(hiddenOwners.stream().filter(id -> !hidden.contains(id)).toList()));
    hiddenOwners = hidden;
  }

  private String positionOrNull() {
    try {
      return changes.latest();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ListedVideo facts(DirectoryRows.Row row) {
    return new ListedVideo(row.id(), row.channelId(), row.ownerId(), AccessTier.of(row.tier()));
  }

  private double videos() {
    ListedVideoTable t = table;
    return t == null ? Double.NaN : t.size();
  }
}
