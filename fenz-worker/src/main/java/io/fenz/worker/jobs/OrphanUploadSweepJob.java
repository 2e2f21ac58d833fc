package io.fenz.worker.jobs;

import io.fenz.content.app.SweepOrphanUploads;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes uploads no video used within a day. */
public final class OrphanUploadSweepJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanUploadSweepJob.class);
  private final SweepOrphanUploads sweep;

  @Inject
  public OrphanUploadSweepJob(SweepOrphanUploads sweep) {
    this.sweep = sweep;
  }

  @Override
  public String name() {
    return "orphan-upload-sweep";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(10);
  }

  @Override
  public void run() {
    int swept = sweep.execute();
    if (swept > 0) {
      LOG.info("deleted {} unused uploads", swept);
    }
  }
}
