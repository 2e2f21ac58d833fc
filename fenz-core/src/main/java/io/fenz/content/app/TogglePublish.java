package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Publish or unpublish, with its event ({@link ContentEvents}) in the same transaction; listeners
 * follow after commit.
 */
public final class TogglePublish {
  private final Videos videos;
  private final VideoRepository repository;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public TogglePublish(
      Videos videos,
      VideoRepository repository,
      Outbox outbox,
      TransactionRunner transactions,
      Clock clock) {
    this.videos = videos;
    this.repository = repository;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Video execute(long userId, long videoId) {
    return UseCaseSpan.call("TogglePublish", () -> perform(userId, videoId));
  }

  private Video perform(long userId, long videoId) {
    Video video = videos.ownedBy(videoId, userId);
    boolean publish = !video.published();
    Instant now = clock.instant();
    transactions.inTransaction(
        () -> {
          // The row lock orders concurrent toggles. One that finds the state already changed by
          // another does nothing
          // (a double click publishes once), so only a real change is announced.
          if (repository.lockPublished(video.id()) == publish) {
            return false;
          }
          // First publication time is kept across unpublish/republish, so feeds don't treat a
          // re-publish as new.
          repository.setPublished(
              video.id(),
              publish,
              video.publishedAt() != null ? video.publishedAt() : publish ? now : null,
              now);
          outbox.append(
              publish ? ContentEvents.VIDEO_PUBLISHED : ContentEvents.VIDEO_UNPUBLISHED,
              Map.of(
                  "videoId",
                  video.id(),
                  "channelId",
                  video.channelId(),
                  "accessTier",
                  video.accessTier().code(),
                  "tagIds",
                  video.tagIds()));
          return true;
        });
    return repository.findById(video.id()).orElseThrow();
  }
}
