package io.fenz.discovery.adapter.lucene;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.port.IndexableVideos;
import io.fenz.discovery.port.LiveSearchIndex;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.listing.ListingChanges;
import io.fenz.platform.retry.RetryWhileStarting;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VideoSearch} on an in-process Lucene index of the listed videos, which follows MySQL
 * ({@link LiveSearchIndex}): built at start, then kept current by an {@link IndexFollower} every
 * {@code FENZ_SEARCH_CATCH_UP}. Until it is built, searches go to the fallback (MySQL FULLTEXT); a
 * read of the build that fails is retried with backoff until it succeeds, from where the build
 * stands. The schema and queries are {@link SearchDocuments}; answers are kept per index reader
 * ({@link KeptAnswers}). Counting stops at {@link #MAX_TOTAL} matches, which lets Lucene skip the
 * postings that cannot reach the page (block-max WAND), so a common word costs about as much at 1M
 * videos as at 10k. See docs/search.md.
 */
@Singleton
public final class LuceneVideoSearch implements VideoSearch, LiveSearchIndex {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneVideoSearch.class);

  /** First and longest wait between two attempts to build the index. */
  static final Duration BUILD_RETRY_FIRST = Duration.ofSeconds(1);

  static final Duration BUILD_RETRY_MAX = Duration.ofMinutes(1);

  private final VideoRepository videos;
  private final VideoSearch fallback;
  private final FenzConfig.Search config;
  private final MeterRegistry meters;
  private final IndexFollower follower;
  private final RetryPolicy<Object> buildRetry;
  private volatile KeptAnswers kept = KeptAnswers.none();
  private volatile boolean stopped;
  private ScheduledExecutorService loop;
  private Thread cleanupAtExit;

  @Inject
  public LuceneVideoSearch(
      IndexableVideos rows,
      VideoRepository videos,
      @Named("fulltext") VideoSearch fallback,
      FenzConfig.Search config,
      ListingChanges changes,
      MeterRegistry meters) {
    this(rows, videos, fallback, config, changes, meters, BUILD_RETRY_FIRST);
  }

  LuceneVideoSearch(
      IndexableVideos rows,
      VideoRepository videos,
      VideoSearch fallback,
      FenzConfig.Search config,
      ListingChanges changes,
      MeterRegistry meters,
      Duration firstRetry) {
    this.videos = videos;
    this.fallback = fallback;
    this.config = config;
    this.meters = meters;
    this.follower = new IndexFollower(rows, changes);
    this.buildRetry =
        RetryWhileStarting.untilItSucceeds(
                firstRetry,
                BUILD_RETRY_MAX,
                LOG,
                "search index build failed ({}); searches use MySQL FULLTEXT, retrying")
            .abortOn(CancellationException.class)
            .abortIf((result, failure) -> stopped)
            .build();
  }

  // ---- VideoSearch ----

  @Override
  public Results search(SearchQuery query, PageRequest page) {
    LuceneIndex index = follower.index();
    if (index == null) {
      return fallback.search(query, page);
    }
    boolean listedNow =
        follower
            .upToDate(); // before the reader is acquired: that reader includes what was followed
    return index.read(
        searcher -> {
          KeptAnswers kept =
              KeptAnswers.forReader(this.kept, searcher.getIndexReader(), config.answersKept());
          if (kept != this.kept) {
            this.kept = kept;
          }
          boolean keep = config.answersKept() > 0;
          KeptAnswers.Asked asked = new KeptAnswers.Asked(query, page.offset(), page.pageSize());
          KeptAnswers.Ranked ranked = keep ? kept.answer(asked) : null;
          if (ranked == null) {
            ranked = rank(searcher, query, page);
            if (keep) {
              kept.keep(asked, ranked);
            }
          }
          return new Results(
              rows(kept, ranked.ids(), keep), ranked.total(), ranked.exact(), listedNow);
        });
  }

  private static KeptAnswers.Ranked rank(
      IndexSearcher searcher, SearchQuery query, PageRequest page) throws java.io.IOException {
    int offset = Math.toIntExact(page.offset()); // at most MAX_WINDOW (SearchVideos checks)
    TopDocs top =
        searcher.search(
            SearchDocuments.query(query),
            new TopFieldCollectorManager(
                SearchDocuments.sort(query), offset + page.pageSize(), null, MAX_TOTAL));
    List<Long> ids = new ArrayList<>();
    for (int i = offset; i < top.scoreDocs.length; i++) {
      ids.add(SearchDocuments.idOf(top.scoreDocs[i]));
    }
    boolean exact =
        top.totalHits.relation() == TotalHits.Relation.EQUAL_TO
            && top.totalHits.value() <= MAX_TOTAL;
    return new KeptAnswers.Ranked(ids, exact ? top.totalHits.value() : MAX_TOTAL, exact);
  }

  /**
   * The hits' rows: kept ones, the rest read by primary key. Rows change only with a change the
   * index applies (a new reader), so a kept row is as current as the index; ids without a row were
   * deleted by another process and are re-read (removed) at once.
   */
  private List<Video> rows(KeptAnswers kept, List<Long> ids, boolean keep) {
    List<Video> rows = new ArrayList<>();
    List<Long> missing = new ArrayList<>();
    for (long id : ids) {
      Video row = keep ? kept.row(id) : null;
      if (row == null) {
        missing.add(id);
      } else {
        rows.add(row);
      }
    }
    if (!missing.isEmpty()) {
      List<Video> loaded = videos.findByIds(missing);
      rows.addAll(loaded);
      if (keep) {
        kept.keep(loaded);
      }
      if (loaded.size() < missing.size()) {
        Set<Long> gone = new HashSet<>(missing);
        loaded.forEach(v -> gone.remove(v.id()));
        reindex(gone);
      }
    }
    return VideoSearch.inOrder(ids, rows);
  }

  @Override
  public void recheck(Collection<Long> videoIds) {
    reindex(videoIds);
  }

  /** The Lucene query and sort a search runs (the benchmark prints them as the plan). */
  public String describe(SearchQuery query) {
    return SearchDocuments.describe(query);
  }

  /** The index's size on disk (memory-mapped files), 0 until built. */
  public long sizeBytes() {
    LuceneIndex index = follower.index();
    return index == null ? 0 : index.sizeBytes();
  }

  // ---- LiveSearchIndex ----

  /**
   * Builds the index (blocking; retried with backoff until it succeeds or {@link #stop} is called),
   * then follows MySQL.
   */
  @Override
  public void start() {
    if (!config.inMemory() || follower.index() != null) {
      return;
    }
    long started = System.nanoTime();
    FailsafeExecutor<Object> retried = Failsafe.with(buildRetry);
    try {
      // each read retried where the build stands; the whole build again on any other failure
      retried.run(
          () -> {
            if (stopped) {
              throw new CancellationException("stopped");
            }
            follower.build(retried);
          });
    } catch (RuntimeException stoppedMeanwhile) {
      if (stopped) {
        return;
      }
      throw stoppedMeanwhile;
    }
    LOG.info(
        "search index built: {} videos in {} ms",
        follower.index().documents(),
        (System.nanoTime() - started) / 1_000_000);
    loop =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fenz-search-catch-up").daemon().factory());
    // On /metrics: NaN while MySQL FULLTEXT answers, then the number of indexed videos.
    Gauge.builder("fenz.search.index.documents", this, LuceneVideoSearch::indexedDocuments)
        .strongReference(true)
        .register(meters);
    cleanupAtExit = new Thread(this::stop, "fenz-search-cleanup");
    java.lang.Runtime.getRuntime().addShutdownHook(cleanupAtExit);
    long every = config.catchUpInterval().toMillis();
    loop.scheduleWithFixedDelay(follower::tick, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void reindex(Collection<Long> videoIds) {
    follower.reindex(videoIds);
  }

  @Override
  public void catchUp() {
    follower.catchUp();
  }

  @Override
  public void stop() {
    stopped = true;
    if (loop != null) {
      // Let a running catch-up finish rather than interrupt it: a thread interrupted in the middle
      // of the index's file I/O closes the NIO channel holding the index's write lock, and the
      // close below then fails with "FileLock invalidated by an external force".
      loop.shutdown();
      try {
        if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
          loop.shutdownNow();
        }
      } catch (InterruptedException e) {
        loop.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (cleanupAtExit != null && Thread.currentThread() != cleanupAtExit) {
      try {
        java.lang.Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
      } catch (IllegalStateException exiting) {
        // the JVM is already shutting down
      }
    }
    follower.close();
  }

  private double indexedDocuments() {
    LuceneIndex index = follower.index();
    return index == null ? Double.NaN : index.documents();
  }
}
