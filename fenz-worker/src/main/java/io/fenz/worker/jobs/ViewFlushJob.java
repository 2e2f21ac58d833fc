package io.fenz.worker.jobs;

import io.fenz.content.app.FlushViews;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the Redis view buffer to MySQL every 30 s and once more on shutdown (the default {@link
 * #onShutdown}). The first run, and the run after a failed one, also replays batches a flush left
 * behind.
 */
public final class ViewFlushJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(ViewFlushJob.class);
  private final FlushViews flush;
  private volatile boolean replayLeftovers = true;

  @Inject
  public ViewFlushJob(FlushViews flush) {
    this.flush = flush;
  }

  @Override
  public String name() {
    return "view-flush";
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(30);
  }

  @Override
  public void run() {
    FlushViews.Result result;
    try {
      result = flush.execute(replayLeftovers);
    } catch (RuntimeException e) {
      replayLeftovers = true;
      throw e;
    }
    replayLeftovers = false;
    if (result.batches() > 0) {
      LOG.info("flushed {} views in {} batches", result.views(), result.batches());
    }
  }

  /** Views buffered in Redis are flushed once more, so a stopping worker leaves none behind. */
  @Override
  public void onShutdown() {
    run();
  }
}
