package io.fenz.discovery.app;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Rebuilds {@code tag:*}, {@code video:*} and {@code popular:global} from MySQL in id-ordered
 * batches (one pipeline each), at start and periodically so TTLs never lapse on live entries.
 */
public final class WarmFeedCache {
  static final int BATCH = 2_000;
  static final int POPULAR_SIZE = 500;

  public record Result(int videos, int popular) {}

  private final FeedSource source;
  private final FeedCache cache;

  @Inject
  public WarmFeedCache(FeedSource source, FeedCache cache) {
    this.source = source;
    this.cache = cache;
  }

  public Result execute() {
    int total = 0;
    long after = 0;
    for (List<FeedCard> batch = source.eligibleAfter(after, BATCH); !batch.isEmpty(); batch = source.eligibleAfter(after, BATCH)) {
      cache.put(batch);
      total += batch.size();
      after = batch.get(batch.size() - 1).videoId();
    }
    return new Result(total, refreshPopular());
  }

  /** Just the popularity ranking (short TTL, refreshed more often than the cards). */
  public int refreshPopular() {
    var popular = source.mostViewed(POPULAR_SIZE);
    cache.replacePopular(popular);
    return popular.size();
  }
}
