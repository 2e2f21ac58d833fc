package io.fenz.discovery.adapter;

import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.redis.TagPicks;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * {@code tag:{id}} SETs of ids, {@code card:{id}} cards (one string each, {@link CardValue}),
 * {@code popular:global} ZSET.
 */
public final class RedisFeedCache implements FeedCache {
  /**
   * The longest a card or tag set lives without a write. Each write picks a life between half of it
   * and all of it, so the cards written together by a warm-up come due in different refreshes.
   */
  static final Duration CARD_TTL = Duration.ofHours(6);

  /**
   * A refresh writes an unchanged card again, or renews a tag set's TTL, only when less than this
   * is left: five of the worker's 12-minute refreshes. Every write is reported to every node's
   * copies, so a refresh that rewrote everything would make each node read every card again.
   */
  static final Duration RENEW_BELOW = Duration.ofHours(1);

  static final Duration POPULAR_TTL = Duration.ofMinutes(10);

  /** Cards read back by one MGET (a refresh's comparison, a warm-up's copies). */
  static final int CARDS_PER_READ = 500;

  /**
   * Ids added to a tag set by one SADD, so a command stays bounded however many cards of a write
   * carry the tag. An SADD of ids the set holds is not a write (no node drops its copy of the set).
   */
  static final int IDS_PER_SADD = 1_000;

  /** Key names (before the store's prefix) of a tag's id set and a video's card. */
  static final String TAG_KEY = "tag:";

  static final String CARD_KEY = "card:";

  /**
   * Counts the writes and deletes of cards: each adds one before its first command and one after
   * its last, so whoever reads the count before and after a span knows whether any overlapped it
   * ({@link #cardWrites}). Not under a tracked prefix: counting is not reported to any node.
   */
  static final String CARD_WRITES_KEY = "feed:card-writes";

  private final RedisStore redis;

  @Inject
  public RedisFeedCache(RedisStore redis) {
    this.redis = redis;
  }

  private String tagKey(long tagId) {
    return redis.key(TAG_KEY + tagId);
  }

  private String cardKey(long videoId) {
    return redis.key(CARD_KEY + videoId);
  }

  private String popularKey() {
    return redis.key("popular:global");
  }

  /**
   * The feed in one script (one round trip). Either reads the viewer's picks ({@link TagPicks},
   * KEYS[1]; nil reply when they are not cached) and keeps a random non-empty subset of them (the
   * rule of FeedDraw.randomSubset), or takes the tags given in ARGV[4]. Then random ids from the
   * union without building it: each set gives a share proportional to its size (SCARD), drawn with
   * SRANDMEMBER, duplicates dropped, shuffled, cut to ARGV[2]; O(ids returned) on the Redis thread,
   * where SUNIONSTORE of a few thousand members cost ~1 ms. With ARGV[5] = '1' it returns each id's
   * card too (one MGET; nil when expired). Reply: {chosen tag ids, ids, cards}. The tag and card
   * keys are built from the prefix (ARGV[1]): fine on one Redis, not on a cluster. ARGV[3] seeds
   * Lua's PRNG, which Redis otherwise reseeds identically for every script call.
   */
  private static final String DRAW =
      """
      local prefix, want = ARGV[1], tonumber(ARGV[2])
      math.randomseed(tonumber(ARGV[3]))
      local function shuffle(t)
        for i = #t, 2, -1 do
          local j = math.random(i)
          t[i], t[j] = t[j], t[i]
        end
      end
      local chosen = {}
      if ARGV[4] ~= '' then
        for id in string.gmatch(ARGV[4], '[^,]+') do chosen[#chosen + 1] = id end
      else
        local picks = redis.call('GET', KEYS[1])
        if not picks then return false end
        local tags = {}
        if picks ~= ARGV[6] then
          for id in string.gmatch(picks, '[^,]+') do tags[#tags + 1] = id end
        end
        shuffle(tags)
        if #tags > 0 then
          for i = 1, math.random(#tags) do chosen[i] = tags[i] end
        end
      end
      local sizes, total = {}, 0
      for i = 1, #chosen do
        sizes[i] = redis.call('SCARD', prefix .. 'tag:' .. chosen[i])
        total = total + sizes[i]
      end
      local ids, seen = {}, {}
      for i = 1, #chosen do
        if sizes[i] > 0 then
          for _, id in ipairs(redis.call('SRANDMEMBER', prefix .. 'tag:' .. chosen[i], math.ceil(want * sizes[i] / total) + 2)) do
            if not seen[id] then
              seen[id] = true
              ids[#ids + 1] = id
            end
          end
        end
      end
      shuffle(ids)
      for i = #ids, want + 1, -1 do ids[i] = nil end
      local cards = {}
      if ARGV[5] == '1' and #ids > 0 then
        local keys = {}
        for i = 1, #ids do keys[i] = prefix .. 'card:' .. ids[i] end
        cards = redis.call('MGET', unpack(keys))
      end
      return {chosen, ids, cards}""";

  @Override
  public Optional<TagDraw> drawForViewer(Viewer viewer, int count) {
    if (viewer.isAnonymous()) {
      return Optional.of(new TagDraw(List.of(), List.of(), Map.of()));
    }
    return Optional.ofNullable(draw(List.of(picksKey(viewer)), "", count, true));
  }

  /** The viewer's {@link TagPicks} key, with the store's prefix. */
  String picksKey(Viewer viewer) {
    return redis.key(
        viewer.isUser()
            ? TagPicks.userKey(viewer.userId())
            : TagPicks.sessionKey(viewer.sessionId()));
  }

  @Override
  public List<Long> randomFromTags(Collection<Long> tagIds, int count) {
    String tags = tagIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    return tags.isEmpty() ? List.of() : draw(List.of(), tags, count, false).ids();
  }

  /** Runs {@link #DRAW}; null when it was to read the viewer's picks and they are not cached. */
  private TagDraw draw(List<String> keys, String tagIds, int count, boolean withCards) {
    String seed = Integer.toString(ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
    Object reply =
        redis
            .client()
            .eval(
                DRAW,
                keys,
                List.of(
                    redis.key(""),
                    Integer.toString(count),
                    seed,
                    tagIds,
                    withCards ? "1" : "0",
                    TagPicks.NONE));
    if (!(reply instanceof List<?> parts)) {
      return null;
    }
    List<Long> chosen = longs((List<?>) parts.get(0));
    List<Long> ids = longs((List<?>) parts.get(1));
    List<?> values = (List<?>) parts.get(2);
    Map<Long, FeedCard> cards = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      addCard(cards, ids.get(i), values.get(i));
    }
    return new TagDraw(chosen, ids, cards);
  }

  private static List<Long> longs(List<?> values) {
    List<Long> out = new ArrayList<>(values.size());
    for (Object value : values) {
      out.add(Long.valueOf(value.toString()));
    }
    return out;
  }

  @Override
  public Map<Long, FeedCard> cards(List<Long> videoIds) {
    Map<Long, FeedCard> cards = new LinkedHashMap<>();
    if (videoIds.isEmpty()) {
      return cards;
    }
    List<String> values =
        redis.client().mget(videoIds.stream().map(this::cardKey).toArray(String[]::new));
    for (int i = 0; i < values.size(); i++) {
      addCard(cards, videoIds.get(i), values.get(i));
    }
    return cards;
  }

  @Override
  public List<Long> popular(int limit) {
    return redis.client().zrevrange(popularKey(), 0, limit - 1L).stream()
        .map(Long::valueOf)
        .toList();
  }

  @Override
  public void put(Collection<FeedCard> cards) {
    write(cards, cards, true);
  }

  @Override
  public void refresh(Collection<FeedCard> cards) {
    refreshCards(List.copyOf(cards), true);
  }

  /**
   * What {@link #refreshCards} wrote, the token each card holds now (in the given order), and how
   * many of the cards Redis held in any form before.
   */
  record Refreshed(List<FeedCard> written, List<String> tokens, int found) {
    /** The writes this refresh added to the count of card writes ({@link #cardWrites}). */
    int counted() {
      return isCounted(written) ? 1 : 0;
    }
  }

  /** Whether a write of these cards is counted ({@link #CARD_WRITES_KEY}): one that writes any. */
  private static boolean isCounted(Collection<FeedCard> cards) {
    return !cards.isEmpty();
  }

  /**
   * Writes the cards Redis does not hold as they are, or holds with less than {@link #RENEW_BELOW}
   * to live, and adds every card to its tag sets (renewing those that are due): a refresh of
   * unchanged data writes nothing, so no node drops a copy. The values are read back as bytes, one
   * MGET per {@link #CARDS_PER_READ} cards in one pipeline, and compared here. Without {@code
   * compare} every card is written unread (a warm-up that found Redis empty).
   */
  Refreshed refreshCards(List<FeedCard> cards, boolean compare) {
    List<byte[]> stored = compare ? values(cards) : Collections.nCopies(cards.size(), null);
    long renewBy = Instant.now().plus(RENEW_BELOW).getEpochSecond();
    List<FeedCard> changed = new ArrayList<>();
    String[] tokens = new String[cards.size()];
    int found = 0;
    for (int i = 0; i < tokens.length; i++) {
      byte[] value = stored.get(i);
      found += value == null ? 0 : 1;
      if (value != null
          && CardValue.expiresAt(value) > renewBy
          && CardValue.holds(value, cards.get(i))) {
        tokens[i] = CardValue.token(value);
      } else {
        changed.add(cards.get(i));
      }
    }
    String token = write(changed, cards, compare);
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] == null) {
        tokens[i] = token;
      }
    }
    return new Refreshed(changed, Arrays.asList(tokens), found);
  }

  /**
   * Stores {@code cards} with a new token (returned) and a life of {@link #CARD_TTL} or somewhat
   * less, and adds {@code members} to their tag sets. A tag set's TTL is set again only when less
   * than {@link #RENEW_BELOW} is left (or none: a set the write creates), as the sets' TTLs read
   * first say: an EXPIRE is a write every node's copy of the set hears of. Without {@code
   * tagsMayBeDue} (a warm-up that found Redis empty) every set touched gets its TTL, unread.
   */
  private String write(
      Collection<FeedCard> cards, Collection<FeedCard> members, boolean tagsMayBeDue) {
    long ttl =
        CARD_TTL.toSeconds() - ThreadLocalRandom.current().nextLong(CARD_TTL.toSeconds() / 2);
    String token = CardValue.token(Instant.now().getEpochSecond() + ttl);
    SetParams expiring = SetParams.setParams().ex(ttl);
    Map<Long, List<byte[]>> idsByTag = idsByTag(members);
    Set<Long> due = tagsMayBeDue ? tagsDue(idsByTag.keySet()) : idsByTag.keySet();
    byte[] writes = bytes(redis.key(CARD_WRITES_KEY));
    boolean counted = isCounted(cards);
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      if (counted) {
        pipeline.incr(writes);
      }
      for (FeedCard card : cards) {
        pipeline.set(bytes(cardKey(card.videoId())), CardValue.encode(card, token), expiring);
      }
      for (Map.Entry<Long, List<byte[]>> tag : idsByTag.entrySet()) {
        byte[] key = bytes(tagKey(tag.getKey()));
        List<byte[]> ids = tag.getValue();
        for (int from = 0; from < ids.size(); from += IDS_PER_SADD) {
          pipeline.sadd(
              key,
              ids.subList(from, Math.min(ids.size(), from + IDS_PER_SADD)).toArray(byte[][]::new));
        }
        if (due.contains(tag.getKey())) {
          pipeline.expire(key, ttl);
        }
      }
      if (counted) {
        pipeline.incr(writes);
      }
      pipeline.sync();
    }
    return token;
  }

  private static Map<Long, List<byte[]>> idsByTag(Collection<FeedCard> cards) {
    Map<Long, List<byte[]>> idsByTag = new HashMap<>();
    for (FeedCard card : cards) {
      byte[] id = bytes(Long.toString(card.videoId()));
      for (long tagId : card.tagIds()) {
        idsByTag.computeIfAbsent(tagId, t -> new ArrayList<>()).add(id);
      }
    }
    return idsByTag;
  }

  /**
   * The tags whose sets have a TTL of less than {@link #RENEW_BELOW} left, read in one pipeline.
   */
  private Set<Long> tagsDue(Collection<Long> tagIds) {
    Map<Long, Response<Long>> ttls = HashMap.newHashMap(tagIds.size());
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (long tagId : tagIds) {
        ttls.put(tagId, pipeline.ttl(tagKey(tagId)));
      }
      pipeline.sync();
    }
    Set<Long> due = new HashSet<>();
    ttls.forEach(
        (tagId, ttl) -> {
          if (ttl.get() < RENEW_BELOW.toSeconds()) {
            due.add(tagId);
          }
        });
    return due;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * How many times cards have been written, counted twice per write ({@link #CARD_WRITES_KEY}), and
   * how many keys Redis has evicted for memory: a span whose own writes explain all the difference
   * between two readings overlapped no other write of a card, and no eviction.
   */
  WriteCount cardWrites() {
    String count = redis.client().get(redis.key(CARD_WRITES_KEY));
    return new WriteCount(
        count == null ? 0 : Long.parseLong(count), evictedKeys(redis.client().info("stats")));
  }

  /** Two readings of {@link #cardWrites}: the count of card writes, and Redis' evicted keys. */
  record WriteCount(long writes, long evicted) {
    /** Whether {@code own} writes (counted once each) were all that happened between the two. */
    boolean onlyOwnSince(WriteCount before, long own) {
      return writes == before.writes + 2 * own && evicted == before.evicted;
    }
  }

  private static long evictedKeys(String stats) {
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("evicted_keys:")) {
        return Long.parseLong(line.substring("evicted_keys:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO stats has no evicted_keys");
  }

  /**
   * Which of the cards still hold what was written with their token (not rewritten, evicted or
   * expired since), in their order, their heads compared here: a script comparing them in Redis
   * cost it 2.5 times the CPU (1.12 s against 0.45 s for 900k cards, {@code redis-cli --pipe}).
   */
  boolean[] stillWritten(List<FeedCard> cards, List<String> tokens) {
    List<byte[]> values = values(cards);
    boolean[] still = new boolean[cards.size()];
    for (int i = 0; i < still.length; i++) {
      byte[] value = values.get(i);
      still[i] = value != null && CardValue.writtenWith(value, tokens.get(i));
    }
    return still;
  }

  /** The cards' stored values (null where none), read as bytes in one pipeline. */
  private List<byte[]> values(List<FeedCard> cards) {
    List<Response<List<byte[]>>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (int from = 0; from < cards.size(); from += CARDS_PER_READ) {
        byte[][] keys =
            cards.subList(from, Math.min(cards.size(), from + CARDS_PER_READ)).stream()
                .map(card -> bytes(cardKey(card.videoId())))
                .toArray(byte[][]::new);
        replies.add(pipeline.mget(keys));
      }
      pipeline.sync();
    }
    List<byte[]> values = new ArrayList<>(cards.size());
    for (Response<List<byte[]>> reply : replies) {
      values.addAll(reply.get());
    }
    return values;
  }

  /** Whether Redis holds each tag's set (a set with no id left is no key), in their order. */
  boolean[] tagSetsHeld(List<Long> tagIds) {
    List<Response<Boolean>> replies = new ArrayList<>(tagIds.size());
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (long tagId : tagIds) {
        replies.add(pipeline.exists(tagKey(tagId)));
      }
      pipeline.sync();
    }
    boolean[] held = new boolean[tagIds.size()];
    for (int i = 0; i < held.length; i++) {
      held[i] = replies.get(i).get();
    }
    return held;
  }

  /**
   * Seeds the ranking only when it is absent (RENAMENX): once views arrive, {@code popular:global}
   * holds recent view scores (incremented per view, expiring 10 min after it was created) and
   * all-time totals must not overwrite them.
   */
  @Override
  public void seedPopular(Map<Long, Long> scores) {
    if (scores.isEmpty()) {
      return;
    }
    Map<String, Double> members = new HashMap<>();
    scores.forEach((id, score) -> members.put(Long.toString(id), score.doubleValue()));
    String fresh = popularKey() + ":seed";
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      pipeline.del(fresh);
      pipeline.zadd(fresh, members);
      pipeline.expire(fresh, POPULAR_TTL.toSeconds());
      pipeline.renamenx(fresh, popularKey());
      pipeline.del(fresh);
      pipeline.sync();
    }
  }

  @Override
  public void evictVideo(long videoId, Collection<Long> tagIds) {
    String id = Long.toString(videoId);
    String writes = redis.key(CARD_WRITES_KEY);
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      pipeline.incr(writes);
      for (long tagId : tagIds) {
        pipeline.srem(tagKey(tagId), id);
      }
      pipeline.del(cardKey(videoId));
      pipeline.zrem(popularKey(), id);
      pipeline.incr(writes);
      pipeline.sync();
    }
  }

  @Override
  public void evictTag(long tagId) {
    redis.client().del(tagKey(tagId));
  }

  /** Adds the card {@code value} holds, unless it is nil (expired or evicted) or not a card's. */
  private static void addCard(Map<Long, FeedCard> cards, long id, Object value) {
    if (value == null) {
      return;
    }
    try {
      cards.put(id, CardValue.decode(id, value.toString()));
    } catch (IllegalArgumentException notACard) {
      // Not this version's card (another version's writer): a miss, read from MySQL.
    }
  }
}
