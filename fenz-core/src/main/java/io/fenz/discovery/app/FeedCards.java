package io.fenz.discovery.app;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cards for drawn ids, shared by the feed and the related list. */
final class FeedCards {
  private FeedCards() {}

  /**
   * Cached cards in the given order; ids whose card expired are read from MySQL (which also drops
   * ineligible ones).
   */
  static List<FeedCard> complete(List<Long> ids, Map<Long, FeedCard> cached, FeedSource source) {
    List<Long> missing = new ArrayList<>();
    for (Long id : ids) {
      if (!cached.containsKey(id)) {
        missing.add(id);
      }
    }
    Map<Long, FeedCard> read = new HashMap<>();
    if (!missing.isEmpty()) {
      source.eligible(missing).forEach(card -> read.put(card.videoId(), card));
    }
    // Loops, not streams: this runs for every feed request.
    List<FeedCard> cards = new ArrayList<>(ids.size());
    for (Long id : ids) {
      FeedCard card = cached.get(id);
      if (card == null) {
        card = read.get(id);
      }
      if (card != null) {
        cards.add(card);
      }
    }
    return cards;
  }
}
