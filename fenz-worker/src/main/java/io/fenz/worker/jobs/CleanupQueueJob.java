package io.fenz.worker.jobs;

import io.fenz.discovery.app.RunCleanupTasks;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;

/** Drains cleanup:queue (failed evictions and object deletions) with backoff. */
public final class CleanupQueueJob implements PeriodicJob {
  private final RunCleanupTasks tasks;

  @Inject
  public CleanupQueueJob(RunCleanupTasks tasks) {
    this.tasks = tasks;
  }

  @Override
  public String name() {
    return "cleanup-queue";
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(5);
  }

  @Override
  public void run() {
    tasks.execute(200);
  }
}
