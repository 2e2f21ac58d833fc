package io.fenz.discovery.port;

import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.FeedCard;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The recommendation cache (Redis). Any method may throw when the cache is unreachable; callers
 * fall back to MySQL.
 */
public interface FeedCache {
  /**
   * One draw of the tag feed: the tags chosen (a random non-empty subset of the viewer's picks;
   * empty when the viewer has none), up to {@code count} distinct random ids from the union of
   * their sets, and the cards of those ids that are cached (expired ones are absent).
   */
  record TagDraw(List<Long> chosenTagIds, List<Long> ids, Map<Long, FeedCard> cards) {}

  /**
   * The whole tag feed in one round trip, reading the viewer's cached tag picks in place; empty
   * when the picks are not cached (the caller loads them and uses {@link #randomFromTags}).
   */
  Optional<TagDraw> drawForViewer(Viewer viewer, int count);

  /**
   * Up to {@code count} distinct random ids from the union of the tags' sets (computed
   * server-side).
   */
  List<Long> randomFromTags(Collection<Long> tagIds, int count);

  /** Cards for the ids that are cached; missing ids are simply absent. */
  Map<Long, FeedCard> cards(List<Long> videoIds);

  /**
   * The MySQL fallback of a tag draw the cache had no ids for: runs {@code query} unless every tag
   * is known to hold no eligible video. A cache that can keep that knowledge exact remembers an
   * empty answer per tag until the tag's set is next written; by default every call runs the query.
   */
  default List<FeedCard> fromDatabase(Collection<Long> tagIds, Supplier<List<FeedCard>> query) {
    return query.get();
  }

  List<Long> popular(int limit);

  /** Stores cards that changed and adds them to their tag sets. */
  void put(Collection<FeedCard> cards);

  /**
   * Makes the cache hold {@code cards} as MySQL has them (the warm-up and the periodic refresh):
   * like {@link #put}, but a cache that can tell may leave alone what it holds already and keep
   * alive, so that readers' copies of it stay valid.
   */
  default void refresh(Collection<FeedCard> cards) {
    put(cards);
  }

  /**
   * A serving node's warm-up writes through this: the cards it puts (which a cache with in-process
   * copies keeps from the batch it wrote instead of reading them back), and which tags it found no
   * video for. Closed when the warm-up ends, whether it got to {@link #keep} or failed.
   */
  interface WarmCopies extends AutoCloseable {
    /** Refreshes a batch like {@link FeedCache#refresh}. */
    void put(Collection<FeedCard> cards);

    /**
     * The warm-up has put every eligible video: copy the cards written (while there is room) and
     * remember the tags that got none as empty.
     */
    void keep();

    /** The warm-up is over: without {@link #keep} first, nothing is copied. */
    @Override
    default void close() {}

    /** Refreshes through {@code cache} and copies nothing. */
    static WarmCopies none(FeedCache cache) {
      return new WarmCopies() {
        @Override
        public void put(Collection<FeedCard> cards) {
          cache.refresh(cards);
        }

        @Override
        public void keep() {}
      };
    }
  }

  /**
   * Starts a serving node's warm-up over {@code tagIds} (every tag), before it reads MySQL; by
   * default nothing is copied.
   */
  default WarmCopies warmCopies(Collection<Long> tagIds) {
    return WarmCopies.none(this);
  }

  /** Seeds the popularity ranking from all-time totals when no recent-view ranking exists. */
  void seedPopular(Map<Long, Long> scores);

  /** Removes a video from the given tag sets, its card and its popularity. */
  void evictVideo(long videoId, Collection<Long> tagIds);

  void evictTag(long tagId);
}
