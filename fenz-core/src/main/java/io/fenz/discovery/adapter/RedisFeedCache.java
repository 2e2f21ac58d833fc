package io.fenz.discovery.adapter;

import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.redis.TagPicks;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * ARCHITECTURE.md §5: {@code tag:{id}} SETs of ids, {@code video:{id}} HASH cards, {@code
 * popular:global} ZSET.
 */
public final class RedisFeedCache implements FeedCache {
  static final Duration CARD_TTL = Duration.ofMinutes(30);
  static final Duration POPULAR_TTL = Duration.ofMinutes(10);

  /**
   * The card hash's fields, in the order both readers (the draw script and {@link #cards}) ask for
   * them with HMGET.
   */
  private static final String[] FIELDS = {
    "title", "channelId", "channelName", "thumbnail", "duration", "views", "publishedAt", "tags"
  };

  /** Cards written by one {@link #WRITE_CARDS} call. */
  static final int CARDS_PER_SCRIPT = 500;

  /**
   * The hash field naming the {@link #write} call that last wrote the card: a warming node copies
   * the cards it wrote only while they still hold its token ({@link #stillWritten}).
   */
  private static final String WRITER = "writer";

  /**
   * Writes the cards KEYS[i] (HSET of {@link #FIELDS}, values ARGV[3 + 8(i-1)]..., and {@link
   * #WRITER} = ARGV[2]) and sets each one's TTL (ARGV[1] seconds) in one command for many cards:
   * HSET then EXPIRE per card cost the warm-up two commands to encode, send and answer a card
   * (Redis 7.0 has no HSETEX).
   */
  private static final String WRITE_CARDS =
      ("""
      local n = %d
      for i = 1, #KEYS do
        local a = 2 + (i - 1) * n
        redis.call('HSET', KEYS[i], %s, '%s', ARGV[2])
        redis.call('EXPIRE', KEYS[i], ARGV[1])
      end
      return #KEYS""")
          .formatted(
              FIELDS.length,
              IntStream.range(0, FIELDS.length)
                  .mapToObj(f -> "'" + FIELDS[f] + "', ARGV[a + " + (f + 1) + "]")
                  .collect(Collectors.joining(", ")),
              WRITER);

  /**
   * Adds ids to the tag sets KEYS[i] and sets each one's TTL (ARGV[1] seconds): ARGV holds, per
   * key, the number of ids and then the ids (added 1,000 at a time: Lua's unpack is bounded by its
   * stack). One call per {@link #TAGS_PER_SCRIPT} tags instead of an SADD and an EXPIRE each: a
   * 5,000-card batch touches about as many tags as it has cards.
   */
  private static final String ADD_TO_TAGS =
      """
      local a = 2
      for i = 1, #KEYS do
        local n = tonumber(ARGV[a])
        for j = a + 1, a + n, 1000 do
          redis.call('SADD', KEYS[i], unpack(ARGV, j, math.min(j + 999, a + n)))
        end
        redis.call('EXPIRE', KEYS[i], ARGV[1])
        a = a + n + 1
      end
      return #KEYS""";

  static final int TAGS_PER_SCRIPT = 1_000;

  /** One character per card KEYS[i]: '1' while its {@link #WRITER} is ARGV[1], else '0'. */
  private static final String STILL_WRITTEN =
      """
      local still = {}
      for i = 1, #KEYS do
        still[i] = redis.call('HGET', KEYS[i], '%s') == ARGV[1] and '1' or '0'
      end
      return table.concat(still)"""
          .formatted(WRITER);

  /** Key names (before the store's prefix) of a tag's id set and a video's card. */
  static final String TAG_KEY = "tag:";

  static final String VIDEO_KEY = "video:";
  private final RedisStore redis;

  @Inject
  public RedisFeedCache(RedisStore redis) {
    this.redis = redis;
  }

  private String tagKey(long tagId) {
    return redis.key(TAG_KEY + tagId);
  }

  private String videoKey(long videoId) {
    return redis.key(VIDEO_KEY + videoId);
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
   * card too ({@link #FIELDS} by HMGET, all nil when expired). Reply: {chosen tag ids, ids, cards}.
   * The tag and card keys are built from the prefix (ARGV[1]): fine on one Redis, not on a cluster.
   * ARGV[3] seeds Lua's PRNG, which Redis otherwise reseeds identically for every script call.
   */
  private static final String DRAW =
      ("""
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
      if ARGV[5] == '1' then
        for i = 1, #ids do cards[i] = redis.call('HMGET', prefix .. 'video:' .. ids[i], %s) end
      end
      return {chosen, ids, cards}""")
          .formatted(
              Arrays.stream(FIELDS).map(f -> "'" + f + "'").collect(Collectors.joining(", ")));

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
      addCard(cards, ids.get(i), (List<?>) values.get(i));
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
    Map<Long, Response<List<String>>> pending = new LinkedHashMap<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (long id : videoIds) {
        pending.put(id, pipeline.hmget(videoKey(id), FIELDS));
      }
      pipeline.sync();
    }
    Map<Long, FeedCard> cards = new LinkedHashMap<>();
    pending.forEach((id, response) -> addCard(cards, id, response.get()));
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
    write(cards);
  }

  /**
   * {@link #put}, returning the token the cards were written with (random per call, so another
   * write of a card, by any process, replaces it).
   */
  String write(Collection<FeedCard> cards) {
    String token = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    // One WRITE_CARDS per CARDS_PER_SCRIPT cards and one ADD_TO_TAGS per TAGS_PER_SCRIPT tags: a
    // 5,000-card warm-up batch is ~15 commands, not 2 per card and 2 per tag.
    Map<Long, List<String>> idsByTag = new HashMap<>();
    List<String> keys = new ArrayList<>(CARDS_PER_SCRIPT);
    List<String> args = new ArrayList<>(2 + CARDS_PER_SCRIPT * FIELDS.length);
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (FeedCard card : cards) {
        if (keys.isEmpty()) {
          args.add(Long.toString(CARD_TTL.toSeconds()));
          args.add(token);
        }
        keys.add(videoKey(card.videoId()));
        args.addAll(Arrays.asList(values(card)));
        if (keys.size() == CARDS_PER_SCRIPT) {
          pipeline.eval(WRITE_CARDS, List.copyOf(keys), List.copyOf(args));
          keys.clear();
          args.clear();
        }
        for (long tagId : card.tagIds()) {
          idsByTag
              .computeIfAbsent(tagId, t -> new ArrayList<>())
              .add(Long.toString(card.videoId()));
        }
      }
      if (!keys.isEmpty()) {
        pipeline.eval(WRITE_CARDS, List.copyOf(keys), List.copyOf(args));
      }
      keys.clear();
      args.clear();
      for (Map.Entry<Long, List<String>> tag : idsByTag.entrySet()) {
        if (keys.isEmpty()) {
          args.add(Long.toString(CARD_TTL.toSeconds()));
        }
        keys.add(tagKey(tag.getKey()));
        args.add(Integer.toString(tag.getValue().size()));
        args.addAll(tag.getValue());
        if (keys.size() == TAGS_PER_SCRIPT) {
          pipeline.eval(ADD_TO_TAGS, List.copyOf(keys), List.copyOf(args));
          keys.clear();
          args.clear();
        }
      }
      if (!keys.isEmpty()) {
        pipeline.eval(ADD_TO_TAGS, keys, args);
      }
      pipeline.sync();
    }
    return token;
  }

  /**
   * Which of the cards still hold what {@link #write} wrote with {@code token} (not rewritten,
   * evicted or expired since), in their order; one script call per {@link #CARDS_PER_SCRIPT} cards,
   * all in one pipeline.
   */
  boolean[] stillWritten(List<FeedCard> cards, String token) {
    List<Response<Object>> replies = new ArrayList<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (int from = 0; from < cards.size(); from += CARDS_PER_SCRIPT) {
        List<String> keys =
            cards.subList(from, Math.min(cards.size(), from + CARDS_PER_SCRIPT)).stream()
                .map(card -> videoKey(card.videoId()))
                .toList();
        replies.add(pipeline.eval(STILL_WRITTEN, keys, List.of(token)));
      }
      pipeline.sync();
    }
    boolean[] still = new boolean[cards.size()];
    int i = 0;
    for (Response<Object> reply : replies) {
      for (char c : reply.get().toString().toCharArray()) {
        still[i++] = c == '1';
      }
    }
    return still;
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
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (long tagId : tagIds) {
        pipeline.srem(tagKey(tagId), id);
      }
      pipeline.del(videoKey(videoId));
      pipeline.zrem(popularKey(), id);
      pipeline.sync();
    }
  }

  @Override
  public void evictTag(long tagId) {
    redis.client().del(tagKey(tagId));
  }

  /** The card's {@link #FIELDS} values, in that order. */
  private static String[] values(FeedCard card) {
    return new String[] {
      card.title(),
      Long.toString(card.channelId()),
      card.channelName(),
      card.hasThumbnail() ? "1" : "0",
      Integer.toString(card.durationSeconds()),
      Long.toString(card.views()),
      card.publishedAt() == null ? "0" : Long.toString(card.publishedAt().toEpochMilli()),
      joined(card.tagIds())
    };
  }

  /** The ids comma-separated (a loop: a stream here was a visible part of the warm-up's CPU). */
  private static String joined(List<Long> ids) {
    StringBuilder out = new StringBuilder(ids.size() * 6);
    for (int i = 0; i < ids.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(ids.get(i).longValue());
    }
    return out.toString();
  }

  /**
   * Adds the card read as {@link #FIELDS} values (in that order), unless they are all nil (no such
   * hash: expired or evicted).
   */
  private static void addCard(Map<Long, FeedCard> cards, long id, List<?> values) {
    if (values == null || values.stream().allMatch(java.util.Objects::isNull)) {
      return;
    }
    String[] v = new String[FIELDS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i) == null ? null : values.get(i).toString();
    }
    long publishedAt = v[6] == null ? 0 : Long.parseLong(v[6]);
    cards.put(
        id,
        new FeedCard(
            id,
            v[0],
            Long.parseLong(v[1]),
            v[2],
            "1".equals(v[3]),
            v[4] == null ? 0 : Integer.parseInt(v[4]),
            v[5] == null ? 0 : Long.parseLong(v[5]),
            publishedAt == 0 ? null : Instant.ofEpochMilli(publishedAt),
            TagIdList.parse(v[7])));
  }
}
