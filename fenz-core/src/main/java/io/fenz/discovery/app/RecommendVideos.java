package io.fenz.discovery.app;

import io.fenz.content.domain.Viewer;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.domain.FeedDraw;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.observability.UseCaseSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tag feed: a random non-empty subset of the viewer's tags → SUNION of their sets → 20 random
 * ids → one pipeline of cards. No tags: most popular, filled up with the newest. A cache miss or a
 * Redis failure runs the same selection on MySQL, never an error page.
 */
public final class RecommendVideos {
  public static final int FEED_SIZE = 20;

  /** One card plus the tags that brought it ("why this video"). */
  public record Item(FeedCard card, List<Long> matchedTagIds) {}

  public enum Source {
    TAGS,
    POPULAR,
    NEWEST
  }

  public record Feed(
      List<Item> items, Source source, List<Long> chosenTagIds, boolean fromDatabase) {}

  private static final Logger LOG = LoggerFactory.getLogger(RecommendVideos.class);
  private final TagPreferenceRepository preferences;
  private final FeedCache cache;
  private final FeedSource source;
  private final Counter tagFallbacks;
  private final Counter popularFallbacks;
  private final Counter tagHits;
  private final Counter popularHits;

  @Inject
  public RecommendVideos(
      TagPreferenceRepository preferences,
      FeedCache cache,
      FeedSource source,
      MeterRegistry meters) {
    this.preferences = preferences;
    this.cache = cache;
    this.source = source;
    this.tagFallbacks = meters.counter("fenz.feed.fallbacks", "path", "tags");
    this.popularFallbacks = meters.counter("fenz.feed.fallbacks", "path", "popular");
    this.tagHits = meters.counter("fenz.feed.cache.hits", "path", "tags");
    this.popularHits = meters.counter("fenz.feed.cache.hits", "path", "popular");
  }

  public Feed execute(Viewer viewer) {
    return UseCaseSpan.call("RecommendVideos", () -> perform(viewer));
  }

  private Feed perform(Viewer viewer) {
    if (viewer.isAnonymous()) {
      return popularOrNewest();
    }
    FeedCache.TagDraw draw = null;
    boolean cacheFailed = false;
    try {
      // The usual case: the viewer's picks are cached, and the whole draw is one round trip.
      draw = cache.drawForViewer(viewer, FEED_SIZE).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("feed cache unavailable, using MySQL: {}", e.getMessage());
      cacheFailed = true;
    }
    List<Long> chosen;
    List<FeedCard> cards = null;
    if (draw != null) {
      chosen = draw.chosenTagIds();
      if (chosen.isEmpty()) {
        return popularOrNewest();
      }
      try {
        cards = draw.ids().isEmpty() ? null : complete(draw.ids(), draw.cards());
      } catch (RuntimeException e) {
        LOG.warn("feed cards unavailable, using MySQL: {}", e.getMessage());
      }
    } else {
      List<Long> tags =
          viewer.isUser()
              ? preferences.ofUser(viewer.userId())
              : preferences.ofSession(viewer.sessionId());
      if (tags.isEmpty()) {
        return popularOrNewest();
      }
      chosen = FeedDraw.randomSubset(tags, ThreadLocalRandom.current());
      if (!cacheFailed) {
        try {
          List<Long> ids = cache.randomFromTags(chosen, FEED_SIZE);
          cards = ids.isEmpty() ? null : cardsFor(ids);
        } catch (RuntimeException e) {
          LOG.warn("feed cache unavailable, using MySQL: {}", e.getMessage());
        }
      }
    }
    boolean fromDatabase = false;
    if (cards != null) {
      tagHits.increment();
    } else {
      // When every chosen tag is known to hold no public video, the cache answers empty without
      // asking MySQL.
      boolean[] asked = {false};
      cards =
          cache.fromDatabase(
              chosen,
              () -> {
                asked[0] = true;
                tagFallbacks.increment();
                return source.randomWithTags(chosen, FEED_SIZE);
              });
      fromDatabase = asked[0];
    }
    // A plain loop: this runs for every card of every feed request.
    List<Item> items = new ArrayList<>(cards.size());
    for (FeedCard card : cards) {
      items.add(new Item(card, card.tagsAmong(chosen)));
    }
    return new Feed(items, Source.TAGS, chosen, fromDatabase);
  }

  private Feed popularOrNewest() {
    try {
      List<Long> popular = cache.popular(FEED_SIZE * 2);
      if (!popular.isEmpty()) {
        List<FeedCard> cards = cardsFor(popular).stream().limit(FEED_SIZE).toList();
        if (!cards.isEmpty()) {
          popularHits.increment();
          return new Feed(
              withNewest(cards).stream().map(c -> new Item(c, List.of())).toList(),
              Source.POPULAR,
              List.of(),
              false);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("feed cache unavailable, using MySQL: {}", e.getMessage());
      popularFallbacks.increment();
    }
    List<FeedCard> newest = source.newest(FEED_SIZE);
    return new Feed(
        newest.stream().map(c -> new Item(c, List.of())).toList(), Source.NEWEST, List.of(), true);
  }

  /**
   * Popular cards, then the newest others up to a full feed: few recently viewed videos must not
   * shrink the feed.
   */
  private List<FeedCard> withNewest(List<FeedCard> popular) {
    if (popular.size() >= FEED_SIZE) {
      return popular;
    }
    List<FeedCard> filled = new ArrayList<>(popular);
    Set<Long> shown = new HashSet<>();
    popular.forEach(card -> shown.add(card.videoId()));
    for (FeedCard card : source.newest(FEED_SIZE)) {
      if (filled.size() < FEED_SIZE && shown.add(card.videoId())) {
        filled.add(card);
      }
    }
    return filled;
  }

  private List<FeedCard> cardsFor(List<Long> ids) {
    return complete(ids, cache.cards(ids));
  }

  private List<FeedCard> complete(List<Long> ids, Map<Long, FeedCard> cached) {
    return FeedCards.complete(ids, cached, source);
  }
}
