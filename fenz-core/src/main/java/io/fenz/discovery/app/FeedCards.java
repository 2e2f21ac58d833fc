package io.fenz.discovery.app;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Cards for drawn ids, shared by the feed and the related list. */
final class FeedCards {
  private FeedCards() {}

  /**
   * Cached cards in the given order; ids whose card expired are read from MySQL (which also drops
   * ineligible ones).
   */
  static List<FeedCard> complete(List<Long> ids, Map<Long, FeedCard> cached, FeedSource source) {
    List<Long> missing = ids.stream().filter(id -> !cached.containsKey(id)).toList();
    Map<Long, FeedCard> all = new LinkedHashMap<>(cached);
    if (!missing.isEmpty()) {
      source.eligible(missing).forEach(card -> all.put(card.videoId(), card));
    }
    return ids.stream().map(all::get).filter(Objects::nonNull).toList();
  }
}
