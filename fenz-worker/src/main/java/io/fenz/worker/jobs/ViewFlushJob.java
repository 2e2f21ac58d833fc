package io.fenz.worker.jobs;

import io.fenz.content.app.FlushViews;
import io.fenz.worker.PeriodicJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the Redis view buffer to MySQL every 30 s and once more on shutdown (the default {@link
 * #onShutdown}). The first run, and the run after a failed one, also replays batches a flush left
 * behind. {@code fenz_views_flush_lag_seconds} is the time since the last flush that succeeded (it
 * grows while flushes fail); {@code fenz_views_flushed_total} counts the views moved.
 */
public final class ViewFlushJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(ViewFlushJob.class);
  private final FlushViews flush;
  private final Clock clock;
  private final Counter flushed;
  private volatile boolean replayLeftovers = true;
  private volatile Instant lastFlushed;

  @Inject
  public ViewFlushJob(FlushViews flush, Clock clock, MeterRegistry meters) {
    this.flush = flush;
    this.clock = clock;
    this.lastFlushed = clock.instant();
    this.flushed = meters.counter("fenz.views.flushed");
    Gauge.builder("fenz.views.flush.lag", this, ViewFlushJob::lagSeconds)
        .baseUnit("seconds")
        .strongReference(true)
        .register(meters);
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
    lastFlushed = clock.instant();
    flushed.increment(result.views());
    if (result.batches() > 0) {
      LOG.info("flushed {} views in {} batches", result.views(), result.batches());
    }
  }

  private double lagSeconds() {
    return Duration.between(lastFlushed, clock.instant()).toMillis() / 1000.0;
  }

  /** Views buffered in Redis are flushed once more, so a stopping worker leaves none behind. */
  @Override
  public void onShutdown() {
    run();
  }
}
