package io.fenz.discovery.port;

import io.fenz.discovery.domain.FeedCard;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The feed's source of truth (MySQL): only published tier-0 videos of visible owners. */
public interface FeedSource {
  /**
   * Hands the eligible videos with id > {@code afterId} to {@code batches}, ascending, {@code size}
   * at a time (the last batch may be smaller; none when there is no such video), for the warm-up.
   */
  void eligibleAfter(long afterId, int size, Consumer<List<FeedCard>> batches);

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
