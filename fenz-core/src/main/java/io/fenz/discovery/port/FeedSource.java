package io.fenz.discovery.port;

import io.fenz.discovery.domain.FeedCard;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feed's source of truth (MySQL): only published tier-0 videos of visible owners. */
public interface FeedSource {
  /** Eligible videos with id > {@code afterId}, ascending, for warm-up in batches. */
  List<FeedCard> eligibleAfter(long afterId, int limit);

  Optional<FeedCard> eligible(long videoId);

  List<FeedCard> eligible(Collection<Long> videoIds);

  /** Random eligible videos having any of the tags (the cache-miss path). */
  List<FeedCard> randomWithTags(Collection<Long> tagIds, int limit);

  List<FeedCard> newest(int limit);

  /** Most-viewed eligible videos and their view totals. */
  Map<Long, Long> mostViewed(int limit);

  /** A video's tags whatever its state (empty once deleted). */
  List<Long> tagIdsOf(long videoId);

  /** Ids of every tag, listed or not (the warm-up marks those it found no video for). */
  List<Long> allTagIds();

  /** Ids of all videos of a user's channel (any state), for evicting them all. */
  List<Long> videoIdsOfOwner(long userId);
}
