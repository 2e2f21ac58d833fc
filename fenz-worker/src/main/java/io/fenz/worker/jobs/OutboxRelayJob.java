package io.fenz.worker.jobs;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the outbox to the event bus every 200 ms (all that waits, in batches) and prunes published
 * rows past FENZ_OUTBOX_KEEP.
 */
public final class OutboxRelayJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayJob.class);
  private static final int BATCH = 500;
  private static final long PRUNE_EVERY_RUNS = 300;
  private final OutboxRelay relay;
  private final FenzConfig.Events config;
  private long runs;

  @Inject
  public OutboxRelayJob(OutboxRelay relay, FenzConfig.Events config) {
    this.relay = relay;
    this.config = config;
  }

  @Override
  public String name() {
    return "outbox-relay";
  }

  @Override
  public Duration interval() {
    return Duration.ofMillis(200);
  }

  @Override
  public void run() {
    while (relay.relay(BATCH) == BATCH) {
      // more waiting: keep going
    }
    if (runs++ % PRUNE_EVERY_RUNS == 0) {
      int pruned = relay.prune(config.outboxKeep(), 10_000);
      if (pruned > 0) {
        LOG.info("outbox: pruned {} published rows older than {}", pruned, config.outboxKeep());
      }
    }
  }

  @Override
  public void onShutdown() {
    relay.relay(BATCH);
  }
}
