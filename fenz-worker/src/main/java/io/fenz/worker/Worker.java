package io.fenz.worker;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link PeriodicJob} on its own schedule. A failing run is logged and retried at
 * the next tick; stop() lets running jobs finish, then gives each its shutdown pass.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private final List<PeriodicJob> jobs;
  private final ScheduledExecutorService scheduler;

  public Worker(List<PeriodicJob> jobs) {
    this.jobs = List.copyOf(jobs);
    this.scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, jobs.size())),
        Thread.ofPlatform().name("fenz-worker-", 0).daemon(true).factory());
  }

  public Worker start() {
    for (PeriodicJob job : jobs) {
      long millis = job.interval().toMillis();
      scheduler.scheduleWithFixedDelay(() -> runOnce(job), millis, millis, TimeUnit.MILLISECONDS);
      LOG.info("worker job {} every {}", job.name(), job.interval());
    }
    return this;
  }

  public List<PeriodicJob> jobs() {
    return jobs;
  }

  static void runOnce(PeriodicJob job) {
    try {
      job.run();
    } catch (Exception e) {
      LOG.warn("worker job {} failed; retrying next tick", job.name(), e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (PeriodicJob job : jobs) {
      try {
        job.onShutdown();
      } catch (Exception e) {
        LOG.warn("worker job {} failed on shutdown", job.name(), e);
      }
    }
    LOG.info("worker stopped");
  }
}
