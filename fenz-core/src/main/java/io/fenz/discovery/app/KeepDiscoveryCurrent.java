package io.fenz.discovery.app;

import io.fenz.content.port.DiscoveryIndex;
import io.fenz.discovery.port.LiveSearchIndex;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/** Content's change hooks: the feed cache (evict and re-add) and this process's search index (re-read). */
public final class KeepDiscoveryCurrent implements DiscoveryIndex {
  private final KeepFeedCurrent feed;
  private final LiveSearchIndex search;

  @Inject
  public KeepDiscoveryCurrent(KeepFeedCurrent feed, LiveSearchIndex search) {
    this.feed = feed;
    this.search = search;
  }

  @Override
  public void videoChanged(long videoId, Collection<Long> previousTagIds) {
    feed.videoChanged(videoId, previousTagIds);
    search.reindex(List.of(videoId));
  }

  @Override
  public void videoDeleted(long videoId, Collection<Long> tagIds) {
    feed.videoDeleted(videoId, tagIds);
    search.reindex(List.of(videoId));
  }

  @Override
  public void tagDeleted(long tagId) {
    feed.tagDeleted(tagId);  // search does not index tags
  }

  @Override
  public void ownerChanged(long userId) {
    feed.ownerChanged(userId);
    search.catchUp();  // re-reads which owners are hidden
  }
}
