package io.fenz.discovery.adapter;

import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/** ARCHITECTURE.md §5: {@code tag:{id}} SETs of ids, {@code video:{id}} HASH cards, {@code popular:global} ZSET. */
public final class RedisFeedCache implements FeedCache {
  static final Duration CARD_TTL = Duration.ofMinutes(30);
  static final Duration POPULAR_TTL = Duration.ofMinutes(10);
  private final RedisStore redis;

  @Inject
  public RedisFeedCache(RedisStore redis) {
    this.redis = redis;
  }

  private String tagKey(long tagId) {
    return redis.key("tag:" + tagId);
  }

  private String videoKey(long videoId) {
    return redis.key("video:" + videoId);
  }

  private String popularKey() {
    return redis.key("popular:global");
  }

  /**
   * Random ids from the union of the tags' sets without building the union: each set gives a
   * share proportional to its size (SCARD), drawn with SRANDMEMBER, duplicates dropped. O(ids
   * returned) on the Redis thread, where SUNIONSTORE of a few thousand members cost ~1 ms.
   */
  private static final String RANDOM_FROM_UNION = """
      local want = tonumber(ARGV[1])
      local sizes, total = {}, 0
      for i = 1, #KEYS do
        sizes[i] = redis.call('SCARD', KEYS[i])
        total = total + sizes[i]
      end
      local out, seen = {}, {}
      if total == 0 then return out end
      for i = 1, #KEYS do
        if sizes[i] > 0 then
          for _, id in ipairs(redis.call('SRANDMEMBER', KEYS[i], math.ceil(want * sizes[i] / total) + 2)) do
            if not seen[id] then
              seen[id] = true
              out[#out + 1] = id
            end
          end
        end
      end
      return out""";

  @Override
  public List<Long> randomFromTags(Collection<Long> tagIds, int count) {
    List<String> keys = tagIds.stream().map(this::tagKey).toList();
    Object result = redis.client().eval(RANDOM_FROM_UNION, keys, List.of(Integer.toString(count)));
    List<Long> ids = new ArrayList<>();
    for (Object id : (List<?>) result) {
      ids.add(Long.valueOf(id.toString()));
    }
    Collections.shuffle(ids);
    return ids.subList(0, Math.min(count, ids.size()));
  }

  @Override
  public Map<Long, FeedCard> cards(List<Long> videoIds) {
    Map<Long, Response<Map<String, String>>> pending = new LinkedHashMap<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (long id : videoIds) {
        pending.put(id, pipeline.hgetAll(videoKey(id)));
      }
      pipeline.sync();
    }
    Map<Long, FeedCard> cards = new LinkedHashMap<>();
    pending.forEach((id, response) -> {
      Map<String, String> hash = response.get();
      if (hash != null && !hash.isEmpty()) {
        cards.put(id, fromHash(id, hash));
      }
    });
    return cards;
  }

  @Override
  public List<Long> popular(int limit) {
    return redis.client().zrevrange(popularKey(), 0, limit - 1L).stream().map(Long::valueOf).toList();
  }

  @Override
  public void put(Collection<FeedCard> cards) {
    // One SADD and one EXPIRE per tag for the whole batch, not per card: warm-up sends ~2 commands a video.
    Map<Long, List<String>> idsByTag = new HashMap<>();
    try (AbstractPipeline pipeline = redis.client().pipelined()) {
      for (FeedCard card : cards) {
        pipeline.hset(videoKey(card.videoId()), toHash(card));
        pipeline.expire(videoKey(card.videoId()), CARD_TTL.toSeconds());
        for (long tagId : card.tagIds()) {
          idsByTag.computeIfAbsent(tagId, t -> new ArrayList<>()).add(Long.toString(card.videoId()));
        }
      }
      idsByTag.forEach((tagId, ids) -> {
        pipeline.sadd(tagKey(tagId), ids.toArray(String[]::new));
        pipeline.expire(tagKey(tagId), CARD_TTL.toSeconds());
      });
      pipeline.sync();
    }
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

  private static Map<String, String> toHash(FeedCard card) {
    Map<String, String> hash = new HashMap<>();
    hash.put("title", card.title());
    hash.put("channelId", Long.toString(card.channelId()));
    hash.put("channelName", card.channelName());
    hash.put("thumbnail", card.hasThumbnail() ? "1" : "0");
    hash.put("duration", Integer.toString(card.durationSeconds()));
    hash.put("views", Long.toString(card.views()));
    hash.put("publishedAt", card.publishedAt() == null ? "0" : Long.toString(card.publishedAt().toEpochMilli()));
    hash.put("tags", card.tagIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
    return hash;
  }

  private static FeedCard fromHash(long id, Map<String, String> hash) {
    String tags = hash.getOrDefault("tags", "");
    List<Long> tagIds = tags.isEmpty() ? List.of() : new ArrayList<>(Arrays.stream(tags.split(",")).map(Long::valueOf).toList());
    long publishedAt = Long.parseLong(hash.getOrDefault("publishedAt", "0"));
    return new FeedCard(id, hash.get("title"), Long.parseLong(hash.get("channelId")), hash.get("channelName"),
        "1".equals(hash.get("thumbnail")), Integer.parseInt(hash.getOrDefault("duration", "0")),
        Long.parseLong(hash.getOrDefault("views", "0")), publishedAt == 0 ? null : Instant.ofEpochMilli(publishedAt), tagIds);
  }
}
