package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Deletes an unpublished video: the row and its event in one transaction; listeners evict it and
 * delete its objects after commit.
 */
public final class DeleteVideo {
  private final Videos videos;
  private final VideoRepository repository;
  private final Outbox outbox;
  private final TransactionRunner transactions;

  @Inject
  public DeleteVideo(
      Videos videos, VideoRepository repository, Outbox outbox, TransactionRunner transactions) {
    this.videos = videos;
    this.repository = repository;
    this.outbox = outbox;
    this.transactions = transactions;
  }

  public void execute(long userId, long videoId) {
    UseCaseSpan.run("DeleteVideo", () -> perform(userId, videoId));
  }

  private void perform(long userId, long videoId) {
    Video video = videos.ownedBy(videoId, userId);
    if (video.published()) {
      throw FenzException.conflict("video_published", "Unpublish the video before deleting it.");
    }
    transactions.inTransaction(
        () -> {
          repository.delete(video.id());
          outbox.append(ContentEvents.VIDEO_DELETED, deletedPayload(video));
        });
  }

  static Map<String, Object> deletedPayload(Video video) {
    return Map.of(
        "videoId",
        video.id(),
        "channelId",
        video.channelId(),
        "tagIds",
        video.tagIds(),
        "objectKeys",
        Stream.of(video.videoKey(), video.thumbnailKey()).filter(Objects::nonNull).toList());
  }
}
