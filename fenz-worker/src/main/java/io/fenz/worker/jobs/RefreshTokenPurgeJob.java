package io.fenz.worker.jobs;

import io.fenz.identity.app.PurgeExpiredRefreshTokens;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps refresh_tokens from growing without bound. */
public final class RefreshTokenPurgeJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenPurgeJob.class);
  private final PurgeExpiredRefreshTokens purge;

  @Inject
  public RefreshTokenPurgeJob(PurgeExpiredRefreshTokens purge) {
    this.purge = purge;
  }

  @Override
  public String name() {
    return "refresh-token-purge";
  }

  @Override
  public Duration interval() {
    return Duration.ofHours(1);
  }

  @Override
  public void run() {
    int deleted = purge.execute();
    if (deleted > 0) {
      LOG.info("purged {} expired refresh tokens", deleted);
    }
  }
}
