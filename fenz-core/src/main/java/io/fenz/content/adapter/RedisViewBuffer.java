package io.fenz.content.adapter;

import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.ViewBuffer;
import io.fenz.platform.concurrent.CoalescedCalls;
import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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
 * The ARCHITECTURE §5 view buffer: HASH {@code views:buffer} with {@code {videoId}:m} / {@code
 * {videoId}:n} increments and, for recorded views, {@code r:{uuid}} = {@code
 * userId|videoId|member|epochMillis}, so one RENAME moves counts and records together. Sealed
 * batches are {@code views:batch:{uuid}}. Singleton: concurrent views are batched into one script
 * call, which needs them to meet in one instance.
 */
@Singleton
public final class RedisViewBuffer implements ViewBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(RedisViewBuffer.class);
  private static final String BATCH_PREFIX = "views:batch:";
  private static final int POPULAR_TTL_SECONDS = 600;

  /**
   * Most views one script call carries: bounds how long it holds Redis (a few microseconds per
   * view).
   */
  private static final int MAX_BATCH = 128;

  /**
   * Dedupe and counting of a batch of views in one atomic round trip: a view is never marked seen
   * without being counted or capped. KEYS: buffer, popular, then per view its seen key and its
   * address cap key; ARGV: popular's TTL, then per view its window, count field, video id, record
   * field, record and address cap (0: none). A new viewer past its address's cap is marked seen but
   * not counted. Counts are summed per field and video first, so a batch costs one SET per view
   * plus one HINCRBY and ZINCRBY per video. popular:global gets its 10-minute TTL when a view
   * creates it, so it stays a score of recent views.
   */
  private static final String ADD =
      """
      local counted, fields, videos = {}, {}, {}
      for v = 1, (#KEYS - 2) / 2 do
        local k, a = v * 2 + 1, (v - 1) * 6 + 1
        if redis.call('SET', KEYS[k], '1', 'NX', 'EX', ARGV[a + 1]) then
          local cap = tonumber(ARGV[a + 6])
          local n = 0
          if cap > 0 then
            n = redis.call('INCR', KEYS[k + 1])
            if n == 1 then redis.call('EXPIRE', KEYS[k + 1], ARGV[a + 1]) end
          end
          if n > cap then
            counted[v] = 2
          else
            counted[v] = 1
            fields[ARGV[a + 2]] = (fields[ARGV[a + 2]] or 0) + 1
            videos[ARGV[a + 3]] = (videos[ARGV[a + 3]] or 0) + 1
            if ARGV[a + 4] ~= '' then redis.call('HSET', KEYS[1], ARGV[a + 4], ARGV[a + 5]) end
          end
        else
          counted[v] = 0
        end
      end
      for field, n in pairs(fields) do redis.call('HINCRBY', KEYS[1], field, n) end
      for video, n in pairs(videos) do redis.call('ZINCRBY', KEYS[2], n, video) end
      if next(videos) and redis.call('TTL', KEYS[2]) == -1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
      return counted""";

  /** The script's answer per view, by number. */
  private static final Outcome[] OUTCOMES = {Outcome.REPEAT, Outcome.COUNTED, Outcome.CAPPED};

  /**
   * RENAME fails on a missing key; checking inside the script keeps a concurrent flush from seeing
   * that error.
   */
  private static final String SEAL =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('RENAME', KEYS[1], KEYS[2])
      return 1""";

  private final RedisStore redis;
  private final String seenPrefix;
  private final String capPrefix;
  private final List<String> counterKeys;

  /**
   * Views arriving together share one script call: per view, Redis then runs one SET instead of a
   * script call.
   */
  private final CoalescedCalls<Pending, Outcome> adds =
      new CoalescedCalls<>(this::addAll, MAX_BATCH);

  private record Pending(View view, Duration window, AddressCap cap) {}

  @Inject
  public RedisViewBuffer(RedisStore redis) {
    this.redis = redis;
    this.seenPrefix = redis.key("views:seen:");
    this.capPrefix = redis.key("views:address:");
    this.counterKeys = List.of(redis.key("views:buffer"), redis.key("popular:global"));
  }

  /**
   * UNAVAILABLE when the call carrying this view failed, or failed while this view waited for the
   * next: the view goes to the database. Should Redis have run the script before the connection
   * broke, that batch counts twice (an outage over-counts, never loses).
   */
  @Override
  public Outcome add(View view, Duration window, AddressCap cap) {
    try {
      return adds.call(new Pending(view, window, cap));
    } catch (JedisException e) {
      LOG.warn("view buffer unavailable: {}", e.getMessage());
      return Outcome.UNAVAILABLE;
    }
  }

  private List<Outcome> addAll(List<Pending> batch) {
    List<String> keys = new ArrayList<>(counterKeys.size() + batch.size() * 2);
    keys.addAll(counterKeys);
    List<String> args = new ArrayList<>(1 + batch.size() * 6);
    args.add(Integer.toString(POPULAR_TTL_SECONDS));
    for (Pending pending : batch) {
      View view = pending.view();
      String videoId = Long.toString(view.videoId());
      keys.add(seenPrefix + videoId + ":" + view.viewer());
      keys.add(capPrefix + videoId + ":" + pending.cap().address());
      args.add(Long.toString(pending.window().toSeconds()));
      args.add(videoId + (view.member() ? ":m" : ":n"));
      args.add(videoId);
      args.add(view.isRecorded() ? "r:" + UUID.randomUUID() : "");
      args.add(
          view.isRecorded()
              ? view.userId()
                  + "|"
                  + videoId
                  + "|"
                  + (view.member() ? 1 : 0)
                  + "|"
                  + view.viewedAt().toEpochMilli()
              : "");
      args.add(Integer.toString(pending.cap().limit()));
    }
    List<?> counted = (List<?>) redis.client().eval(ADD, keys, args);
    return counted.stream()
        .map(c -> c instanceof Long n ? OUTCOMES[n.intValue()] : Outcome.REPEAT)
        .toList();
  }

  @Override
  public Optional<String> seal() {
    String batchId = UUID.randomUUID().toString();
    Object sealed =
        redis
            .client()
            .eval(
                SEAL,
                List.of(redis.key("views:buffer"), redis.key(BATCH_PREFIX + batchId)),
                List.of());
    return Long.valueOf(1).equals(sealed) ? Optional.of(batchId) : Optional.empty();
  }

  @Override
  public List<String> sealedBatches() {
    String prefix = redis.key(BATCH_PREFIX);
    ScanParams params =
        new ScanParams().match(prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1") + "*").count(1000);
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
    Map<Long, long[]> counts =
        new TreeMap<>(); // by video id: flushes update rows in one order, so they cannot deadlock
    List<View> records = new ArrayList<>();
    redis
        .client()
        .hgetAll(redis.key(BATCH_PREFIX + batchId))
        .forEach(
            (field, value) -> {
              if (field.startsWith("r:")) {
                String[] f = value.split("\\|");
                long userId = Long.parseLong(f[0]);
                records.add(
                    new View(
                        Long.parseLong(f[1]),
                        userId,
                        Viewer.user(userId).key(),
                        f[2].equals("1"),
                        Instant.ofEpochMilli(Long.parseLong(f[3]))));
              } else {
                int colon = field.indexOf(':');
                long[] pair =
                    counts.computeIfAbsent(
                        Long.parseLong(field.substring(0, colon)), id -> new long[2]);
                pair[field.endsWith(":m") ? 0 : 1] += Long.parseLong(value);
              }
            });
    List<ViewBatch.Tally> tallies =
        counts.entrySet().stream()
            .map(e -> new ViewBatch.Tally(e.getKey(), e.getValue()[0], e.getValue()[1]))
            .toList();
    return new ViewBatch(batchId, tallies, records);
  }

  @Override
  public void discard(String batchId) {
    redis.client().del(redis.key(BATCH_PREFIX + batchId));
  }
}
