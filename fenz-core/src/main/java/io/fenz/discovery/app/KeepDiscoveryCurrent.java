package io.fenz.discovery.app;

import io.fenz.content.port.DiscoveryIndex;
import io.fenz.discovery.port.ListingChanges;
import io.fenz.discovery.port.LiveSearchIndex;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content's change hooks: the feed cache (evict and re-add), this process's search index (re-read), and the
 * {@link ListingChanges} log, written before the request returns so other processes' indexes apply the
 * change before their next search shows anything.
 */
public final class KeepDiscoveryCurrent implements DiscoveryIndex {
  private static final Logger LOG = LoggerFactory.getLogger(KeepDiscoveryCurrent.class);
  private final KeepFeedCurrent feed;
  private final LiveSearchIndex search;
  private final ListingChanges changes;

  @Inject
  public KeepDiscoveryCurrent(KeepFeedCurrent feed, LiveSearchIndex search, ListingChanges changes) {
    this.feed = feed;
    this.search = search;
    this.changes = changes;
  }

  @Override
  public void videoChanged(long videoId, Collection<Long> previousTagIds) {
    feed.videoChanged(videoId, previousTagIds);
    search.reindex(List.of(videoId));
    announce(() -> changes.videosChanged(List.of(videoId)));
  }

  @Override
  public void videoDeleted(long videoId, Collection<Long> tagIds) {
    feed.videoDeleted(videoId, tagIds);
    search.reindex(List.of(videoId));
    announce(() -> changes.videosChanged(List.of(videoId)));
  }

  @Override
  public void tagDeleted(long tagId) {
    feed.tagDeleted(tagId);  // search does not index tags
  }

  @Override
  public void ownerChanged(long userId) {
    feed.ownerChanged(userId);
    search.catchUp();  // re-reads which owners are hidden
    announce(() -> changes.ownerChanged(userId));
  }

  /** Unannounced, other processes apply the change at their catch-up (deletions: their periodic check of rows). */
  private static void announce(Runnable append) {
    try {
      append.run();
    } catch (RuntimeException e) {
      LOG.warn("search: announcing a listing change failed ({}); other processes apply it at their catch-up", e.getMessage());
    }
  }
}
