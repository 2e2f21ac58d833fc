package io.fenz.discovery.app;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.observability.UseCaseSpan;
import io.fenz.platform.retry.RetryWhileStarting;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings {@code tag:*} and {@code card:*} in line with MySQL (and seeds {@code popular:global}) in
 * id-ordered batches ({@link FeedCache#refresh}: what Redis holds already is left alone), at start
 * and periodically, so TTLs never lapse on live entries and a missed change is mended.
 */
public final class WarmFeedCache {
  /** Videos handed on from MySQL's stream at a time (and fetched by its driver at a time). */
  static final int BATCH = 5_000;

  /**
   * Videos written to Redis per write. A write adds to every tag set its cards carry (an SADD and
   * an EXPIRE each), and with thousands of tags nearly every set gets a few ids from any batch:
   * written per read batch, 1M videos over 5,000 tags cost 180 writes to each tag set.
   */
  static final int WRITE_BATCH = 50_000;

  static final int POPULAR_SIZE = 500;

  /**
   * What was warmed, and where the time went: reading MySQL, and waiting for a batch's write to
   * Redis to finish before the next could start (the two otherwise overlap).
   */
  public record Result(int videos, int popular, long readMillis, long writeWaitMillis) {}

  /** How long a failing batch read or write is tried again before the warm-up gives up. */
  static final Duration RETRY_FOR = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(WarmFeedCache.class);
  private final FeedSource source;
  private final FeedCache cache;

  /**
   * Each batch's read and write: under start-up traffic a saturated pool answers {@code busy}, and
   * giving up there left the node reading MySQL for every draw until the worker's next refresh.
   */
  private final FailsafeExecutor<Object> retried;

  @Inject
  public WarmFeedCache(FeedSource source, FeedCache cache) {
    this(source, cache, Duration.ofMillis(200));
  }

  WarmFeedCache(FeedSource source, FeedCache cache, Duration firstRetry) {
    this.source = source;
    this.cache = cache;
    this.retried =
        Failsafe.with(
            RetryWhileStarting.forAtMost(
                    RETRY_FOR,
                    firstRetry,
                    firstRetry.multipliedBy(50),
                    LOG,
                    "feed warm-up: a batch failed ({}); trying it again")
                .abortOn(WriteFailed.class)
                .build());
  }

  /** Refreshes the cache (the worker's periodic refresh). */
  public Result execute() {
    return UseCaseSpan.call("WarmFeedCache", () -> perform());
  }

  private Result perform() {
    return warm(cache::refresh);
  }

  /**
   * The serving node's warm-up at start: the same refresh, then the cards it holds are kept as this
   * node's in-process copies and the tags no video was written to are remembered as empty, so it is
   * at full speed (and asks MySQL nothing) once /readyz says warm instead of after minutes of
   * traffic.
   */
  public Result warmThisNode() {
    try (FeedCache.WarmCopies copies = cache.warmCopies(source.allTagIds())) {
      Result result = warm(copies::put);
      copies.keep();
      return result;
    }
  }

  /**
   * Streams the eligible videos from MySQL while the previous {@link #WRITE_BATCH} cards are
   * written to Redis, so the two overlap. A read that fails is streamed again after the last batch
   * taken; a write that fails is tried again on its own, and ends the warm-up if it never succeeds.
   */
  private Result warm(Consumer<List<FeedCard>> put) {
    long started = System.nanoTime();
    try (Stream stream = new Stream(put)) {
      retried.run(() -> source.eligibleAfter(stream.after, BATCH, stream::take));
      stream.write();
      stream.awaitWriting();
      long reading = System.nanoTime() - started - stream.waiting;
      return new Result(
          stream.total, refreshPopular(), reading / 1_000_000, stream.waiting / 1_000_000);
    } catch (WriteFailed e) {
      throw e.getCause();
    }
  }

  /** The warm-up's position in MySQL's stream, its write in flight, and the thread writing. */
  private final class Stream implements AutoCloseable {
    private final Consumer<List<FeedCard>> put;
    private final ExecutorService writer =
        Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
    private List<FeedCard> pending = new ArrayList<>();
    private long after;
    private int total;
    private long waiting;

    Stream(Consumer<List<FeedCard>> put) {
      this.put = put;
    }

    void take(List<FeedCard> batch) {
      pending.addAll(batch);
      total += batch.size();
      after = batch.getLast().videoId();
      if (pending.size() >= WRITE_BATCH) {
        write();
      }
    }

    /** Starts writing what is pending once the write before has finished. */
    void write() {
      awaitWriting();
      if (!pending.isEmpty()) {
        List<FeedCard> cards = pending;
        writing = CompletableFuture.runAsync(() -> retried.run(() -> put.accept(cards)), writer);
        pending = new ArrayList<>();
      }
    }

    void awaitWriting() {
      long awaited = System.nanoTime();
      try {
        writing.join();
      } catch (CompletionException e) {
        throw new WriteFailed(
            e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e));
      } finally {
        waiting += System.nanoTime() - awaited;
      }
    }

    /** Waits for the write in flight, if any, then ends the writing thread. */
    @Override
    public void close() {
      writer.close();
    }
  }

  /** A write that failed for good, carried past the read's retries. */
  private static final class WriteFailed extends RuntimeException {
    WriteFailed(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }

  /** Re-seeds the popularity ranking if it lapsed (10 min TTL) with no views to rebuild it. */
  public int refreshPopular() {
    var popular = source.mostViewed(POPULAR_SIZE);
    cache.seedPopular(popular);
    return popular.size();
  }
}
