package io.fenz.worker.jobs;

import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Refreshes the feed cache before its TTLs lapse: re-seeds the popularity ranking if it lapsed
 * (checked every 4 minutes), and rewrites tag sets and cards (30 min TTL) every 3rd run, i.e. every
 * 12 minutes.
 */
public final class FeedCacheJob implements PeriodicJob {
  private final WarmFeedCache warm;
  private int runs;

  @Inject
  public FeedCacheJob(WarmFeedCache warm) {
    this.warm = warm;
  }

  @Override
  public String name() {
    return "feed-cache-refresh";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(4);
  }

  @Override
  public void run() {
    if (++runs % 3 == 0) {
      warm.execute();
    } else {
      warm.refreshPopular();
    }
  }
}
