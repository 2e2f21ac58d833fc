package io.fenz.worker;

import io.fenz.platform.events.EventBus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * start with it and stop first; {@code fenz_events_consumer_lag_seconds{consumer}} times each
 * handled event from when it happened (its {@code occurredAt}) to when its consumer finished (for
 * {@code notifications}: the fan-out lag).
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private final List<PeriodicJob> jobs;
  private final ScheduledExecutorService scheduler;
  private final EventBus bus;
  private final List<EventConsumer> consumers;
  private final List<AutoCloseable> consuming = new ArrayList<>();
  private final Clock clock;
  private final MeterRegistry meters;

  public Worker(
      List<PeriodicJob> jobs,
      EventBus bus,
      List<EventConsumer> consumers,
      Clock clock,
      MeterRegistry meters) {
    this.jobs = List.copyOf(jobs);
    this.bus = bus;
    this.consumers = List.copyOf(consumers);
    this.clock = clock;
    this.meters = meters;
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
      consuming.add(bus.consume(consumer.durable(), timed(consumer)));
      LOG.info("worker consumer {} on {}", consumer.durable(), bus.describe());
    }
    return this;
  }

  private EventBus.Handler timed(EventConsumer consumer) {
    Timer lag =
        Timer.builder("fenz.events.consumer.lag")
            .tag("consumer", consumer.durable())
            .register(meters);
    return event -> {
      consumer.handler().handle(event);
      String occurred = event.payload().path("occurredAt").asText("");
      if (!occurred.isEmpty()) {
        lag.record(Duration.between(Instant.parse(occurred), clock.instant()));
      }
    };
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
