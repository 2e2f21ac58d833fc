package io.fenz.content.adapter;

import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.ViewBuffer;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The ARCHITECTURE §5 view buffer: HASH {@code views:buffer} with {@code {videoId}:m} / {@code {videoId}:n}
 * increments and, for recorded views, {@code r:{uuid}} = {@code userId|videoId|member|epochMillis}, so one
 * RENAME moves counts and records together. Sealed batches are {@code views:batch:{uuid}}.
 */
public final class RedisViewBuffer implements ViewBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(RedisViewBuffer.class);
  private static final String BATCH_PREFIX = "views:batch:";
  private static final int POPULAR_TTL_SECONDS = 600;
  /**
   * Dedupe and counting in one atomic round trip: a view is never marked seen without being counted.
   * popular:global gets its 10-minute TTL when a view creates it, so it stays a score of recent views.
   */
  private static final String ADD = """
      if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
      redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
      if ARGV[5] ~= '' then redis.call('HSET', KEYS[2], ARGV[5], ARGV[6]) end
      redis.call('ZINCRBY', KEYS[3], 1, ARGV[3])
      if redis.call('TTL', KEYS[3]) == -1 then redis.call('EXPIRE', KEYS[3], ARGV[4]) end
      return 1""";
  /** RENAME fails on a missing key; checking inside the script keeps a concurrent flush from seeing that error. */
  private static final String SEAL = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('RENAME', KEYS[1], KEYS[2])
      return 1""";
  private final RedisStore redis;

  @Inject
  public RedisViewBuffer(RedisStore redis) {
    this.redis = redis;
  }

  @Override
  public Outcome add(View view, Duration window) {
    String recordField = view.isRecorded() ? "r:" + UUID.randomUUID() : "";
    String record = view.isRecorded()
        ? view.userId() + "|" + view.videoId() + "|" + (view.member() ? 1 : 0) + "|" + view.viewedAt().toEpochMilli() : "";
    try {
      Object added = redis.client().eval(ADD,
          List.of(redis.key("views:seen:" + view.videoId() + ":" + view.viewer()), redis.key("views:buffer"), redis.key("popular:global")),
          List.of(Long.toString(window.toSeconds()), view.videoId() + (view.member() ? ":m" : ":n"), Long.toString(view.videoId()),
              Integer.toString(POPULAR_TTL_SECONDS), recordField, record));
      return Long.valueOf(1).equals(added) ? Outcome.COUNTED : Outcome.REPEAT;
    } catch (JedisException e) {
      LOG.warn("view buffer unavailable: {}", e.getMessage());
      return Outcome.UNAVAILABLE;
    }
  }

  @Override
  public Optional<String> seal() {
    String batchId = UUID.randomUUID().toString();
    Object sealed = redis.client().eval(SEAL, List.of(redis.key("views:buffer"), redis.key(BATCH_PREFIX + batchId)), List.of());
    return Long.valueOf(1).equals(sealed) ? Optional.of(batchId) : Optional.empty();
  }

  @Override
  public List<String> sealedBatches() {
    String prefix = redis.key(BATCH_PREFIX);
    ScanParams params = new ScanParams().match(prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*").count(1000);
    List<String> ids = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.client().scan(cursor, params);
      page.getResult().forEach(key -> ids.add(key.substring(prefix.length())));
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return ids;
  }

  @Override
  public ViewBatch read(String batchId) {
    Map<Long, long[]> counts = new TreeMap<>();  // by video id: flushes update rows in one order, so they cannot deadlock
    List<View> records = new ArrayList<>();
    redis.client().hgetAll(redis.key(BATCH_PREFIX + batchId)).forEach((field, value) -> {
      if (field.startsWith("r:")) {
        String[] f = value.split("\\|");
        long userId = Long.parseLong(f[0]);
        records.add(new View(Long.parseLong(f[1]), userId, Viewer.user(userId).key(), f[2].equals("1"), Instant.ofEpochMilli(Long.parseLong(f[3]))));
      } else {
        int colon = field.indexOf(':');
        long[] pair = counts.computeIfAbsent(Long.parseLong(field.substring(0, colon)), id -> new long[2]);
        pair[field.endsWith(":m") ? 0 : 1] += Long.parseLong(value);
      }
    });
    List<ViewBatch.Tally> tallies = counts.entrySet().stream()
        .map(e -> new ViewBatch.Tally(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    return new ViewBatch(batchId, tallies, records);
  }

  @Override
  public void discard(String batchId) {
    redis.client().del(redis.key(BATCH_PREFIX + batchId));
  }
}
