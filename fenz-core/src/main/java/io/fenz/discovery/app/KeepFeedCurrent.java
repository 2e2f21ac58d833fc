package io.fenz.discovery.app;

import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.CleanupTask;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The feed cache's eviction hooks (called by the {@link KeepDiscoveryCurrent} listener). Each
 * change evicts synchronously (best effort) and re-adds the video only if it is still eligible;
 * whatever fails is queued for the worker, and TTLs are the last net.
 */
public final class KeepFeedCurrent {
  private final FeedCache cache;
  private final FeedSource source;
  private final CleanupQueue queue;

  @Inject
  public KeepFeedCurrent(FeedCache cache, FeedSource source, CleanupQueue queue) {
    this.cache = cache;
    this.source = source;
    this.queue = queue;
  }

  public void videoChanged(long videoId, Collection<Long> previousTagIds) {
    try {
      resync(videoId, previousTagIds);
    } catch (RuntimeException e) {
      queue.offer(CleanupTask.video(videoId, List.copyOf(previousTagIds)));
    }
  }

  public void videoDeleted(long videoId, Collection<Long> tagIds) {
    try {
      cache.evictVideo(videoId, tagIds);
    } catch (RuntimeException e) {
      queue.offer(CleanupTask.video(videoId, List.copyOf(tagIds)));
    }
  }

  public void tagDeleted(long tagId) {
    try {
      cache.evictTag(tagId);
    } catch (RuntimeException e) {
      queue.offer(CleanupTask.tag(tagId));
    }
  }

  public void ownerChanged(long userId) {
    for (long videoId : source.videoIdsOfOwner(userId)) {
      videoChanged(videoId, List.of());
    }
  }

  /**
   * Evicts the video from its old and current tags, then re-adds it if still eligible. Throws on
   * cache failure (for retries).
   */
  public void resync(long videoId, Collection<Long> previousTagIds) {
    var current = source.eligible(videoId);
    Set<Long> tags = new LinkedHashSet<>(previousTagIds);
    tags.addAll(source.tagIdsOf(videoId));
    cache.evictVideo(videoId, tags);
    current.ifPresent(card -> cache.put(List.of(card)));
  }
}
