package io.fenz.discovery.adapter;

import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.domain.FeedDraw;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.KeyTracking;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.redis.TagPicks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis feed cache with in-process copies of what a draw reads: viewers' picks, tag sets and
 * cards. Redis keeps them exact ({@link KeyTracking}: every write, delete or expiry of those keys,
 * by any process, drops the copy), so a draw whose keys are copied makes no round trip; the
 * worker's refreshes and other processes' evictions reach this process within Redis' own push. Only
 * {@code popular:global} is always read from Redis (it changes with every view). While tracking is
 * down, or with {@code FENZ_FEED_LOCAL_COPIES=0}, every call goes to {@link RedisFeedCache}
 * unchanged.
 *
 * <p>Over 400 lines on purpose: the four kinds of copies, their two-step reservations, the warm-up
 * and the invalidation listener share one lifecycle (tracking live or lost) and one ordering rule
 * (a tag's empty mark drops before its set); split apart, that rule would span classes.
 */
@Singleton
public final class TrackedFeedCache implements FeedCache, KeyTracking.Listener {
  /**
   * Larger tag sets are drawn from in Redis: copying one would cost more than the draws it saves.
   */
  static final int MAX_COPIED_TAG_SET = 50_000;

  private static final Logger LOG = LoggerFactory.getLogger(TrackedFeedCache.class);

  private static final int TRACKING_WAIT_SECONDS = 10;

  /** The copy of a tag set too large to copy (compared by identity). */
  private static final long[] NOT_COPIED = new long[0];

  /** The set's members, or its size when that is over ARGV[1]. */
  private static final String MEMBERS_UNLESS_LARGER =
      """
      local size = redis.call('SCARD', KEYS[1])
      if size > tonumber(ARGV[1]) then return size end
      return redis.call('SMEMBERS', KEYS[1])""";

  private final RedisFeedCache redis;
  private final RedisStore store;
  private final boolean enabled;
  private final LocalCopies<String, List<Long>> picks;
  private final LocalCopies<Long, long[]> tagSets;
  private final LocalCopies<Long, FeedCard> cards;
  private final int capacity;

  /**
   * Tags MySQL said hold no eligible video; dropped like the tag's set copy, so a publish reaches
   * it the same way.
   */
  private final LocalCopies<Long, Boolean> emptyTags;

  private final String tagKeys;
  private final String cardKeys;
  private final String picksKeys;
  private final MeterRegistry meters;
  private volatile KeyTracking tracking;

  /**
   * Set while this node's warm-up writes: nothing is copied or tracked then, so Redis does not
   * report the warm-up's own million writes back to it (at 1M that cost Redis about 1.8 s of CPU
   * and this process more, within a warm-up of ~15 s).
   */
  private volatile boolean warming;

  @Inject
  public TrackedFeedCache(
      RedisFeedCache redis, RedisStore store, FenzConfig.Feed config, MeterRegistry meters) {
    this.redis = redis;
    this.meters = meters;
    this.store = store;
    this.enabled = config.localCopies() > 0;
    this.picks = new LocalCopies<>(config.localCopies());
    this.tagSets = new LocalCopies<>(config.localCopies());
    this.cards = new LocalCopies<>(config.localCopies());
    this.capacity = config.localCopies();
    this.emptyTags = new LocalCopies<>(config.localCopies());
    this.tagKeys = store.key(RedisFeedCache.TAG_KEY);
    this.cardKeys = store.key(RedisFeedCache.CARD_KEY);
    this.picksKeys = store.key(TagPicks.KEY_PREFIX);
  }

  /**
   * True when copies may be used; starts tracking on first use (processes that never draw, like the
   * worker, never track).
   */
  boolean copying() {
    if (!enabled || warming) {
      return false;
    }
    KeyTracking current = tracking;
    if (current == null) {
      synchronized (this) {
        if (warming) {
          return false;
        }
        if (tracking == null) {
          tracking =
              store.track(
                  List.of(RedisFeedCache.TAG_KEY, RedisFeedCache.CARD_KEY, TagPicks.KEY_PREFIX),
                  this);
          // Here, not in the constructor: only the instance that serves feeds (not the worker's)
          // reports its copies.
          gauge("cards", cards);
          gauge("tags", tagSets);
          gauge("picks", picks);
          gauge("empty_tags", emptyTags);
        }
        current = tracking;
      }
    }
    return current.live();
  }

  private void gauge(String kind, LocalCopies<?, ?> copies) {
    Gauge.builder("fenz.feed.local.copies", copies, LocalCopies::size)
        .tags(Tags.of("kind", kind))
        .strongReference(true)
        .register(meters);
  }

  @Override
  public Optional<TagDraw> drawForViewer(Viewer viewer, int count) {
    if (viewer.isAnonymous() || !copying()) {
      return redis.drawForViewer(viewer, count);
    }
    List<Long> tags =
        picks.get(
            redis.picksKey(viewer),
            k -> {
              String value = store.client().get(k);
              return value == null ? null : TagPicks.decode(value);
            });
    if (tags == null) {
      return Optional
          .empty(); // not in Redis either: the caller loads them from MySQL (which caches them)
    }
    List<Long> chosen = FeedDraw.randomSubset(tags, ThreadLocalRandom.current());
    List<Long> ids = chosen.isEmpty() ? List.of() : randomFromTags(chosen, count);
    return Optional.of(new TagDraw(chosen, ids, ids.isEmpty() ? Map.of() : cards(ids)));
  }

  @Override
  public List<Long> randomFromTags(Collection<Long> tagIds, int count) {
    if (!copying()) {
      return redis.randomFromTags(tagIds, count);
    }
    List<long[]> sets = new ArrayList<>(tagIds.size());
    for (long tagId : tagIds) {
      long[] set = tagSets.get(tagId, this::readTagSet);
      if (set == NOT_COPIED) {
        return redis.randomFromTags(tagIds, count);
      }
      sets.add(set);
    }
    return FeedDraw.distinctSample(sets, count, ThreadLocalRandom.current());
  }

  private long[] readTagSet(long tagId) {
    Object reply =
        store
            .client()
            .eval(
                MEMBERS_UNLESS_LARGER,
                List.of(tagKeys + tagId),
                List.of(Integer.toString(MAX_COPIED_TAG_SET)));
    if (!(reply instanceof List<?> members)) {
      return NOT_COPIED;
    }
    long[] ids = new long[members.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Long.parseLong(members.get(i).toString());
    }
    return ids;
  }

  @Override
  public Map<Long, FeedCard> cards(List<Long> videoIds) {
    if (!copying()) {
      return redis.cards(videoIds);
    }
    Map<Long, FeedCard> found = HashMap.newHashMap(videoIds.size());
    List<Long> missing = new ArrayList<>();
    for (Long id : videoIds) { // boxed as given: unboxed, each lookup and put boxed it again
      FeedCard copy = cards.get(id);
      if (copy != null) {
        found.put(id, copy);
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      List<FeedCard> read =
          cards.readAll(
              missing,
              () -> {
                Map<Long, FeedCard> byId = redis.cards(missing);
                List<FeedCard> inOrder = new ArrayList<>(missing.size());
                for (Long id : missing) {
                  inOrder.add(byId.get(id));
                }
                return inOrder;
              });
      for (int i = 0; i < missing.size(); i++) {
        if (read.get(i) != null) {
          found.put(missing.get(i), read.get(i));
        }
      }
    }
    return found;
  }

  /**
   * Draws whose tags hold no public video used to ask MySQL every time. An empty answer is kept per
   * tag, taken in two steps like every copy: a publish commits in MySQL before it writes {@code
   * tag:{id}}, and that write's invalidation drops the mark (or the reservation, when it races the
   * query), so no video is hidden by it.
   */
  @Override
  public List<FeedCard> fromDatabase(Collection<Long> tagIds, Supplier<List<FeedCard>> query) {
    if (!copying()) {
      return query.get();
    }
    Map<Long, Object> reservations = new HashMap<>();
    for (long tagId : tagIds) {
      if (emptyTags.get(tagId) == null) {
        reservations.put(tagId, emptyTags.reserve(tagId));
      }
    }
    if (reservations.isEmpty()) {
      return List.of();
    }
    List<FeedCard> found;
    try {
      found = query.get();
    } catch (RuntimeException e) {
      reservations.forEach((tagId, reservation) -> emptyTags.fill(tagId, reservation, null));
      throw e;
    }
    Boolean empty = found.isEmpty() ? Boolean.TRUE : null;
    reservations.forEach((tagId, reservation) -> emptyTags.fill(tagId, reservation, empty));
    return found;
  }

  @Override
  public List<Long> popular(int limit) {
    return redis.popular(limit);
  }

  @Override
  public void put(Collection<FeedCard> written) {
    redis.put(written);
    dropCopies(written);
  }

  @Override
  public void refresh(Collection<FeedCard> cards) {
    dropCopies(redis.refreshCards(List.copyOf(cards), true).written());
  }

  /** Drops the copies of the cards and of their tags (each once). */
  private void dropCopies(Collection<FeedCard> written) {
    for (FeedCard card : written) {
      cards.invalidate(card.videoId());
    }
    tagsOf(written).forEach(this::dropTag);
  }

  /**
   * Each tag the cards carry, once: a warm-up batch carries a few thousand tags many times over.
   */
  private static Set<Long> tagsOf(Collection<FeedCard> cards) {
    Set<Long> tags = new HashSet<>();
    for (FeedCard card : cards) {
      tags.addAll(card.tagIds());
    }
    return tags;
  }

  /**
   * Copies for a serving node's warm-up (only the serving node warms this way). While it writes,
   * this node neither tracks nor copies (draws read Redis); at {@link WarmCopies#keep} tracking
   * starts, and only then are copies taken, each reserved first, so a write after that moment drops
   * it through its report as for any copy.
   *
   * <p>The batches are refreshed ({@link RedisFeedCache#refreshCards}): with Redis warm already
   * (another node serves), nothing is written and no other node loses a copy. The cards are copied
   * from the batches when the count of card writes ({@link RedisFeedCache#cardWrites}) says that no
   * other write and no eviction happened since the warm-up began: then Redis holds each card as the
   * warm-up left it. Otherwise each card is checked first: Redis is asked which still hold the
   * token they held after the refresh ({@link RedisFeedCache#stillWritten}), and a card another
   * process wrote, evicted or let expire since has lost it and is not copied. The tags the warm-up
   * found no card for are reserved, then marked empty unless their set exists in Redis by then (a
   * publish meanwhile).
   */
  @Override
  public WarmCopies warmCopies(Collection<Long> tagIds) {
    if (!enabled) {
      return WarmCopies.none(this);
    }
    RedisFeedCache.WriteCount before = cardWritesSoFar();
    stopTrackingWhileWarming();
    Set<Long> withoutCards = new HashSet<>(tagIds);
    // Appended by the warm-up's writer, read by keep() once the warm-up has joined the last write.
    List<Written> written = new ArrayList<>();
    return new WarmCopies() {
      private int kept;

      /** The warm-up's own writes of cards, for the count of card writes at keep(). */
      private long writes;

      /**
       * Until a batch finds none of its cards in Redis: then Redis is empty (its first start, or a
       * restart) and reading the rest back would find nothing to leave alone.
       */
      private boolean compare = true;

      @Override
      public void put(Collection<FeedCard> batch) {
        List<FeedCard> cards = List.copyOf(batch);
        var refreshed = redis.refreshCards(cards, compare);
        compare = refreshed.found() > 0;
        List<String> tokens = refreshed.tokens();
        synchronized (written) {
          writes += refreshed.counted();
          if (kept < capacity) {
            int room = Math.min(cards.size(), capacity - kept);
            written.add(new Written(cards.subList(0, room), tokens.subList(0, room)));
            kept += cards.size();
          }
          withoutCards.removeAll(tagsOf(cards));
        }
      }

      @Override
      public void keep() {
        long started = System.nanoTime();
        warming = false;
        if (!awaitCopying()) {
          return;
        }
        long live = System.nanoTime();
        boolean alone;
        synchronized (written) {
          alone = before != null && redis.cardWrites().onlyOwnSince(before, writes);
          markEmpty(List.copyOf(withoutCards));
          for (Written batch : written) {
            copy(batch, alone);
          }
        }
        LOG.info(
            "feed copies taken: {} cards, {} tags empty, in {} ms ({} ms starting key tracking; {})",
            cards.size(),
            emptyTags.size(),
            (System.nanoTime() - started) / 1_000_000,
            (live - started) / 1_000_000,
            alone ? "no other write meanwhile" : "other writes meanwhile: each card checked");
      }

      @Override
      public void close() {
        warming = false;
      }
    };
  }

  /**
   * The count of card writes before a warm-up, or null when Redis can't tell (it is down as the
   * node starts): the warm-up's batches are then retried until Redis is back, and its copies
   * checked card by card.
   */
  private RedisFeedCache.WriteCount cardWritesSoFar() {
    try {
      return redis.cardWrites();
    } catch (RuntimeException e) {
      LOG.warn(
          "feed warm-up: Redis can't count card writes ({}); copies will be checked",
          e.getMessage());
      return null;
    }
  }

  /** Ends tracking (dropping every copy) until the warm-up's {@link WarmCopies#keep}. */
  private synchronized void stopTrackingWhileWarming() {
    warming = true;
    if (tracking != null) {
      tracking.close();
      tracking = null;
    }
  }

  /** Marks empty each of the tags whose set Redis does not hold, reserving them first. */
  private void markEmpty(List<Long> tagIds) {
    emptyTags.readAll(
        tagIds,
        () -> {
          boolean[] held = redis.tagSetsHeld(tagIds);
          List<Boolean> marks = new ArrayList<>(held.length);
          for (boolean set : held) {
            marks.add(set ? null : Boolean.TRUE);
          }
          return marks;
        });
  }

  /** A batch the warm-up refreshed, with the token each card held after it. */
  private record Written(List<FeedCard> cards, List<String> tokens) {}

  /**
   * Copies the batch's cards, reserving them first: all of them when {@code alone} (no other write
   * or eviction since the warm-up began), else those that still hold their token.
   */
  private void copy(Written batch, boolean alone) {
    List<FeedCard> written = batch.cards();
    cards.readAll(
        written.stream().map(FeedCard::videoId).toList(),
        () -> {
          if (alone) {
            return written;
          }
          boolean[] still = redis.stillWritten(written, batch.tokens());
          List<FeedCard> kept = new ArrayList<>(still.length);
          for (int i = 0; i < still.length; i++) {
            kept.add(still[i] ? written.get(i) : null);
          }
          return kept;
        });
  }

  /** Starts tracking and waits (a few seconds at most) for its subscription to be up. */
  private boolean awaitCopying() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRACKING_WAIT_SECONDS);
    while (enabled && !copying() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return copying();
  }

  @Override
  public void seedPopular(Map<Long, Long> scores) {
    redis.seedPopular(scores);
  }

  /**
   * Redis' invalidation follows too; dropping the copies here first means this process never shows
   * its own evicted video.
   */
  @Override
  public void evictVideo(long videoId, Collection<Long> tagIds) {
    redis.evictVideo(videoId, tagIds);
    cards.invalidate(videoId);
    tagIds.forEach(this::dropTag);
  }

  @Override
  public void evictTag(long tagId) {
    redis.evictTag(tagId);
    dropTag(tagId);
  }

  /**
   * The empty mark goes first: whoever sees the new tag set then also finds the mark (or the
   * reservation of a query racing the publish) gone.
   */
  private void dropTag(long tagId) {
    emptyTags.invalidate(tagId);
    tagSets.invalidate(tagId);
  }

  @Override
  public void invalidated(String key) {
    if (key.startsWith(cardKeys)) {
      idAfter(key, cardKeys).ifPresent(cards::invalidate);
    } else if (key.startsWith(tagKeys)) {
      idAfter(key, tagKeys).ifPresent(this::dropTag);
    } else if (key.startsWith(picksKeys)) {
      picks.invalidate(key);
    }
  }

  private static Optional<Long> idAfter(String key, String prefix) {
    try {
      return Optional.of(Long.parseLong(key, prefix.length(), key.length(), 10));
    } catch (NumberFormatException notOneOfOurs) {
      return Optional.empty();
    }
  }

  @Override
  public void invalidatedAll() {
    picks.clear();
    tagSets.clear();
    cards.clear();
    emptyTags.clear();
  }
}
