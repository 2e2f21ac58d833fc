package io.fenz.worker.jobs;

import io.fenz.content.app.GenerateThumbnails;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes thumbnails for videos uploaded without one (ffmpeg). */
public final class ThumbnailJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(ThumbnailJob.class);
  private final GenerateThumbnails generate;

  @Inject
  public ThumbnailJob(GenerateThumbnails generate) {
    this.generate = generate;
  }

  @Override
  public String name() {
    return "thumbnails";
  }

  @Override
  public Duration interval() {
    return Duration.ofSeconds(30);
  }

  @Override
  public void run() {
    int made = generate.execute();
    if (made > 0) {
      LOG.info("made {} thumbnails", made);
    }
  }
}
