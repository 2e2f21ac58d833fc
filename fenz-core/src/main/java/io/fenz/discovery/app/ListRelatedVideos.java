package io.fenz.discovery.app;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.observability.UseCaseSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Up next" for a video: the feed's random draw over that video's own tags (all of them), public
 * cards only, never the video itself. The caller has already checked the viewer may see the video.
 */
public final class ListRelatedVideos {
  public static final int SIZE = 20;
  private static final Logger LOG = LoggerFactory.getLogger(ListRelatedVideos.class);
  private final FeedCache cache;
  private final FeedSource source;
  private final Counter fallbacks;
  private final Counter hits;

  @Inject
  public ListRelatedVideos(FeedCache cache, FeedSource source, MeterRegistry meters) {
    this.cache = cache;
    this.source = source;
    this.fallbacks = meters.counter("fenz.feed.fallbacks", "path", "related");
    this.hits = meters.counter("fenz.feed.cache.hits", "path", "related");
  }

  public List<FeedCard> execute(long videoId, List<Long> tagIds) {
    return UseCaseSpan.call("ListRelatedVideos", () -> perform(videoId, tagIds));
  }

  private List<FeedCard> perform(long videoId, List<Long> tagIds) {
    if (tagIds.isEmpty()) {
      return List.of();
    }
    // One more than shown, so dropping the video itself still leaves a full list.
    List<FeedCard> cards = null;
    try {
      List<Long> ids = cache.randomFromTags(tagIds, SIZE + 1);
      cards = ids.isEmpty() ? null : FeedCards.complete(ids, cache.cards(ids), source);
    } catch (RuntimeException e) {
      LOG.warn("feed cache unavailable, using MySQL: {}", e.getMessage());
    }
    if (cards != null) {
      hits.increment();
    } else {
      fallbacks.increment();
      cards = source.randomWithTags(tagIds, SIZE + 1);
    }
    return cards.stream().filter(card -> card.videoId() != videoId).limit(SIZE).toList();
  }
}
