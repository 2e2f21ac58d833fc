package io.fenz.discovery.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.discovery.port.LiveSearchIndex;
import io.fenz.discovery.port.SearchIndex;
import io.fenz.identity.domain.IdentityEvents;
import io.fenz.platform.events.Event;
import io.fenz.platform.events.EventListener;
import io.fenz.platform.listing.ListingChanges;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery's listener for content and identity events, after commit and before the request
 * returns: the video's search tokens (discovery's, computed from its text), the feed cache (evict
 * and re-add), this process's search index (re-read), and the {@link ListingChanges} log, so other
 * processes' indexes apply the change before their next search shows anything.
 */
public final class KeepDiscoveryCurrent implements EventListener {
  private static final Logger LOG = LoggerFactory.getLogger(KeepDiscoveryCurrent.class);
  private final KeepFeedCurrent feed;
  private final SearchIndex tokens;
  private final LiveSearchIndex search;
  private final ListingChanges changes;

  @Inject
  public KeepDiscoveryCurrent(
      KeepFeedCurrent feed, SearchIndex tokens, LiveSearchIndex search, ListingChanges changes) {
    this.feed = feed;
    this.tokens = tokens;
    this.search = search;
    this.changes = changes;
  }

  @Override
  public void on(Event event) {
    switch (event.subject()) {
      case ContentEvents.VIDEO_CREATED -> writeTokens(event.number("videoId"));
      case ContentEvents.VIDEO_EDITED -> {
        writeTokens(event.number("videoId"));
        videoChanged(event.number("videoId"), event.numbers("previousTagIds"));
      }
      case ContentEvents.VIDEO_PUBLISHED, ContentEvents.VIDEO_UNPUBLISHED ->
          videoChanged(event.number("videoId"), event.numbers("tagIds"));
      case ContentEvents.VIDEO_DELETED -> {
        long videoId = event.number("videoId");
        feed.videoDeleted(videoId, event.numbers("tagIds"));
        search.reindex(List.of(videoId));
        announce(() -> changes.videosChanged(List.of(videoId)));
      }
      case ContentEvents.TAG_DELETED ->
          feed.tagDeleted(event.number("tagId")); // search does not index tags
      case IdentityEvents.USER_HIDDEN, IdentityEvents.USER_RESTORED ->
          ownerChanged(event.number("userId"));
      default -> {}
    }
  }

  private void writeTokens(long videoId) {
    try {
      tokens.reindex(videoId, videoId + 1);
    } catch (RuntimeException e) {
      LOG.warn(
          "search: tokens of video {} not written ({}); `fenz admin reindex-search` writes them",
          videoId,
          e.getMessage());
    }
  }

  private void videoChanged(long videoId, List<Long> previousTagIds) {
    feed.videoChanged(videoId, previousTagIds);
    search.reindex(List.of(videoId));
    announce(() -> changes.videosChanged(List.of(videoId)));
  }

  private void ownerChanged(long userId) {
    feed.ownerChanged(userId);
    search.catchUp(); // re-reads which owners are hidden
    announce(() -> changes.ownerChanged(userId));
  }

  /**
   * Unannounced, other processes apply the change at their catch-up (deletions: their periodic
   * check of rows).
   */
  private static void announce(Runnable append) {
    try {
      append.run();
    } catch (RuntimeException e) {
      LOG.warn(
          "search: announcing a listing change failed ({}); other processes apply it at their catch-up",
          e.getMessage());
    }
  }
}
