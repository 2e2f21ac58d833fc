package io.fenz.content.app;

import io.fenz.content.domain.Upload;
import io.fenz.content.domain.Video;
import io.fenz.content.port.DiscoveryIndex;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.UploadRepository;
import io.fenz.content.port.VideoRepository;
import io.fenz.identity.port.OwnedContent;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.CleanupTask;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user's videos and media as the identity context sees them. Collect-then-delete: keys and
 * tag ids are read while the rows exist; the purge evicts the cache and deletes objects after.
 */
public final class AccountContent implements OwnedContent {
  private final VideoRepository videos;
  private final UploadRepository uploads;
  private final MediaStore store;
  private final DiscoveryIndex discovery;
  private final CleanupQueue queue;

  @Inject
  public AccountContent(VideoRepository videos, UploadRepository uploads, MediaStore store, DiscoveryIndex discovery, CleanupQueue queue) {
    this.videos = videos;
    this.uploads = uploads;
    this.store = store;
    this.discovery = discovery;
    this.queue = queue;
  }

  @Override
  public void visibilityChanged(long userId) {
    discovery.ownerChanged(userId);
  }

  @Override
  public Purge collect(long userId) {
    List<Video> owned = videos.allOfOwner(userId);
    List<String> keys = new ArrayList<>();
    owned.forEach(v -> {
      keys.add(v.videoKey());
      keys.add(v.thumbnailKey());
    });
    uploads.ofUser(userId).stream().map(Upload::key).forEach(keys::add);
    return () -> {
      owned.forEach(v -> discovery.videoDeleted(v.id(), v.tagIds()));
      keys.stream().filter(Objects::nonNull).forEach(this::deleteObject);
    };
  }

  void deleteObject(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      queue.offer(CleanupTask.object(key));
    }
  }
}
