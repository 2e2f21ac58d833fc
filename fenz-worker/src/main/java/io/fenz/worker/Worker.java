package io.fenz.worker;

import io.fenz.platform.events.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link PeriodicJob} on its own schedule. A failing run is logged and retried at the
 * next tick; stop() lets running jobs finish, then gives each its shutdown pass. Event consumers
 * start with it and stop first.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private final List<PeriodicJob> jobs;
  private final ScheduledExecutorService scheduler;
  private final EventBus bus;
  private final List<EventConsumer> consumers;
  private final List<AutoCloseable> consuming = new ArrayList<>();

  public Worker(List<PeriodicJob> jobs, EventBus bus, List<EventConsumer> consumers) {
    this.jobs = List.copyOf(jobs);
    this.bus = bus;
    this.consumers = List.copyOf(consumers);
    this.scheduler =
        Executors.newScheduledThreadPool(
            Math.max(1, Math.min(4, jobs.size())),
            Thread.ofPlatform().name("fenz-worker-", 0).daemon(true).factory());
  }

  public Worker start() {
    for (PeriodicJob job : jobs) {
      long millis = job.interval().toMillis();
      scheduler.scheduleWithFixedDelay(() -> runOnce(job), millis, millis, TimeUnit.MILLISECONDS);
      LOG.info("worker job {} every {}", job.name(), job.interval());
    }
    for (EventConsumer consumer : consumers) {
      consuming.add(bus.consume(consumer.durable(), consumer.handler()));
      LOG.info("worker consumer {} on {}", consumer.durable(), bus.describe());
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
    for (AutoCloseable consumer : consuming) {
      try {
        consumer.close();
      } catch (Exception e) {
        LOG.warn("worker consumer failed to stop", e);
      }
    }
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
