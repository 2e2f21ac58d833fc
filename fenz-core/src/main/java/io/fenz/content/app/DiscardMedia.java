package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.port.MediaStore;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.CleanupTask;
import io.fenz.platform.events.Event;
import io.fenz.platform.events.EventListener;
import jakarta.inject.Inject;

/**
 * Media cleanup after commit: objects of deleted videos and discarded uploads are deleted, or
 * queued for the worker when S3 fails.
 */
public final class DiscardMedia implements EventListener {
  private final MediaStore store;
  private final CleanupQueue queue;

  @Inject
  public DiscardMedia(MediaStore store, CleanupQueue queue) {
    this.store = store;
    this.queue = queue;
  }

  @Override
  public void on(Event event) {
    if (event.subject().equals(ContentEvents.VIDEO_DELETED)
        || event.subject().equals(ContentEvents.MEDIA_DISCARDED)) {
      event.texts("objectKeys").forEach(this::delete);
    }
  }

  private void delete(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      queue.offer(CleanupTask.object(key));
    }
  }
}
