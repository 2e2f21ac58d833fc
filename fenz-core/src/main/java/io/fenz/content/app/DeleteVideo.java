package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.port.DiscoveryIndex;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.CleanupTask;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.events.Outbox;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Stream;

/** Deletes an unpublished video: row first (in one transaction with its event), then its objects. */
public final class DeleteVideo {
  public static final String DELETED = "fenz.video.deleted";

  private final Videos videos;
  private final VideoRepository repository;
  private final MediaStore store;
  private final Outbox outbox;
  private final DiscoveryIndex discovery;
  private final CleanupQueue queue;
  private final TransactionRunner transactions;

  @Inject
  public DeleteVideo(Videos videos, VideoRepository repository, MediaStore store, Outbox outbox, DiscoveryIndex discovery, CleanupQueue queue,
                     TransactionRunner transactions) {
    this.videos = videos;
    this.repository = repository;
    this.store = store;
    this.outbox = outbox;
    this.discovery = discovery;
    this.queue = queue;
    this.transactions = transactions;
  }

  public void execute(long userId, long videoId) {
    Video video = videos.ownedBy(videoId, userId);
    if (video.published()) {
      throw FenzException.conflict("video_published", "Unpublish the video before deleting it.");
    }
    transactions.inTransaction(() -> {
      repository.delete(video.id());
      outbox.append(DELETED, Map.of("videoId", video.id(), "channelId", video.channelId()));
    });
    discovery.videoDeleted(video.id(), video.tagIds());
    Stream.of(video.videoKey(), video.thumbnailKey()).filter(java.util.Objects::nonNull).forEach(key -> {
      try {
        store.delete(key);
      } catch (RuntimeException e) {
        queue.offer(CleanupTask.object(key));
      }
    });
  }
}
