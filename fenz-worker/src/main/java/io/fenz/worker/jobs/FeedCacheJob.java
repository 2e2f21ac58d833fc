package io.fenz.worker.jobs;

import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Keeps the feed cache alive and in line with MySQL: re-seeds the popularity ranking if it lapsed
 * (checked every 4 minutes), and refreshes tag sets and cards every 3rd run, i.e. every 12 minutes
 * (writing only the cards that changed or have less than an hour of their 3-6 hour life left).
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
