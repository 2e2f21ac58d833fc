package io.fenz.content.app;

import io.fenz.content.domain.Upload;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.UploadRepository;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes uploads no video took within the configured age (default 24 h): object first, then the
 * row.
 */
public final class SweepOrphanUploads {
  private static final Logger LOG = LoggerFactory.getLogger(SweepOrphanUploads.class);
  private final UploadRepository uploads;
  private final MediaStore store;
  private final FenzConfig.Media media;
  private final Clock clock;

  @Inject
  public SweepOrphanUploads(
      UploadRepository uploads, MediaStore store, FenzConfig.Media media, Clock clock) {
    this.uploads = uploads;
    this.store = store;
    this.media = media;
    this.clock = clock;
  }

  public int execute() {
    return UseCaseSpan.call("SweepOrphanUploads", () -> perform());
  }

  private int perform() {
    int swept = 0;
    for (Upload upload : uploads.olderThan(clock.instant().minus(media.orphanUploadAge()), 500)) {
      // Claiming first means a video that takes the key at this moment wins and keeps its object.
      if (uploads.claim(upload.key())) {
        try {
          store.delete(upload.key());
          swept++;
        } catch (RuntimeException e) {
          LOG.warn("could not delete orphan upload {}: {}", upload.key(), e.getMessage());
        }
      }
    }
    return swept;
  }
}
