package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Video;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.MediaTools;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Worker: gives videos uploaded without a thumbnail one frame of themselves (ffmpeg), a few
 * attempts each, and announces it as an edit, so cached feed cards show the new thumbnail as search
 * and channel pages do.
 */
public final class GenerateThumbnails {
  static final int MAX_ATTEMPTS = 3;
  private final VideoRepository videos;
  private final MediaStore store;
  private final MediaTools tools;
  private final Outbox outbox;
  private final TransactionRunner transactions;

  @Inject
  public GenerateThumbnails(
      VideoRepository videos,
      MediaStore store,
      MediaTools tools,
      Outbox outbox,
      TransactionRunner transactions) {
    this.videos = videos;
    this.store = store;
    this.tools = tools;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  public int execute() {
    return UseCaseSpan.call("GenerateThumbnails", () -> perform());
  }

  private int perform() {
    int made = 0;
    for (Video video : videos.needingThumbnail(MAX_ATTEMPTS, 20)) {
      videos.countMediaAttempt(video.id());
      Path frame = null;
      try {
        frame = Files.createTempFile("fenz-thumb-", ".jpg");
        if (tools.extractThumbnail(
            store.presignedGet(video.videoKey(), Duration.ofMinutes(5)), frame)) {
          String key = "thumbnails/" + video.ownerId() + "/" + UUID.randomUUID() + ".jpg";
          try (InputStream in = Files.newInputStream(frame)) {
            store.put(key, in, "image/jpeg");
          }
          transactions.inTransaction(
              () -> {
                videos.setThumbnail(video.id(), key);
                outbox.append(ContentEvents.VIDEO_EDITED, ContentEvents.videoEdited(video));
              });
          made++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        if (frame != null) {
          frame.toFile().delete();
        }
      }
    }
    return made;
  }
}
