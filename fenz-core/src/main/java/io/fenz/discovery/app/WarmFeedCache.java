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
  /**
   * Videos read from MySQL per query: short reads, so start-up traffic gets the pool between them.
   */
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
   * Reads batches from MySQL while the previous {@link #WRITE_BATCH} cards are written to Redis, so
   * the two waits overlap. A batch that fails is read or written again where the warm-up stands.
   */
  private Result warm(Consumer<List<FeedCard>> put) {
    int total = 0;
    long reading = 0;
    long waiting = 0;
    CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
    try (ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory())) {
      List<FeedCard> pending = new ArrayList<>();
      long after = 0;
      boolean more = true;
      while (more) {
        long started = System.nanoTime();
        long from = after;
        List<FeedCard> batch = retried.get(() -> source.eligibleAfter(from, BATCH));
        reading += System.nanoTime() - started;
        more = !batch.isEmpty();
        if (more) {
          pending.addAll(batch);
          total += batch.size();
          after = batch.getLast().videoId();
        }
        if (pending.size() >= WRITE_BATCH || !more && !pending.isEmpty()) {
          long awaited = System.nanoTime();
          await(writing);
          waiting += System.nanoTime() - awaited;
          List<FeedCard> cards = pending;
          writing = CompletableFuture.runAsync(() -> retried.run(() -> put.accept(cards)), writer);
          pending = new ArrayList<>();
        }
      }
      long awaited = System.nanoTime();
      await(writing);
      waiting += System.nanoTime() - awaited;
    }
    return new Result(total, refreshPopular(), reading / 1_000_000, waiting / 1_000_000);
  }

  private static void await(CompletableFuture<Void> write) {
    try {
      write.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /** Re-seeds the popularity ranking if it lapsed (10 min TTL) with no views to rebuild it. */
  public int refreshPopular() {
    var popular = source.mostViewed(POPULAR_SIZE);
    cache.seedPopular(popular);
    return popular.size();
  }
}
