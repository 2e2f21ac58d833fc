package io.fenz.discovery.adapter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * In-process copies of Redis values, kept exact by invalidations (platform.redis.KeyTracking). A
 * copy is taken in two steps so an invalidation racing the read wins: {@link #reserve} puts a
 * placeholder before Redis is asked, {@link #fill} replaces only that placeholder. An invalidation
 * in between removes the placeholder, and the possibly old value read is not kept. At most {@code
 * capacity} entries (Caffeine's size bound: the least useful copy leaves, and is read from Redis
 * again when next asked).
 */
final class LocalCopies<K, V> {
  /**
   * A placeholder; each reservation has its own, so a stale fill can't take a newer one's place.
   */
  private static final class Reservation {}

  private final ConcurrentMap<K, Object> entries;
  private final Policy<K, Object> policy;

  /**
   * Below this many entries (nine tenths of the bound) a read does not tell the size bound's policy
   * about itself: nothing is evicted yet, and recording each read (Caffeine's read buffer) cost the
   * feed a fifth of its CPU at a million copies. Near the bound reads count again, so the policy
   * learns which copies are worth keeping before it has to choose.
   */
  private final int recordReadsFrom;

  /** Whether reads are recorded: checked as copies are added, so a read need not count them. */
  private volatile boolean nearBound;

  LocalCopies(int capacity) {
    this(capacity, Caffeine.newBuilder());
  }

  /** With the cache's maintenance on the calling thread, so a test sees evictions at once. */
  static <K, V> LocalCopies<K, V> evictingAtOnce(int capacity) {
    return new LocalCopies<>(capacity, Caffeine.newBuilder().executor(Runnable::run));
  }

  private LocalCopies(int capacity, Caffeine<Object, Object> builder) {
    Cache<K, Object> cache = builder.maximumSize(capacity).build();
    this.entries = cache.asMap();
    this.policy = cache.policy();
    this.recordReadsFrom = capacity - capacity / 10;
  }

  /** The copy, or null when there is none yet. */
  @SuppressWarnings("unchecked")
  V get(K key) {
    Object value = nearBound ? entries.get(key) : policy.getIfPresentQuietly(key);
    return value instanceof Reservation ? null : (V) value;
  }

  /**
   * The copy, or else {@code read} from Redis (its value kept unless invalidated meanwhile, or null
   * when Redis has nothing, which is not kept).
   */
  V get(K key, Function<K, V> read) {
    V copy = get(key);
    if (copy != null) {
      return copy;
    }
    Object reservation = reserve(key);
    V value;
    try {
      value = read.apply(key);
    } catch (RuntimeException e) {
      fill(key, reservation, null);
      throw e;
    }
    fill(key, reservation, value);
    return value;
  }

  /**
   * {@link #get(Object, Function)} for many keys at once: each is reserved, then {@code read} gives
   * the value to keep for each key, in their order (null keeps none), which is returned; a read
   * that fails ends every reservation.
   */
  List<V> readAll(List<K> keys, Supplier<List<V>> read) {
    List<Object> reservations = new ArrayList<>(keys.size());
    for (K key : keys) {
      reservations.add(reserve(key));
    }
    List<V> values;
    try {
      values = read.get();
    } catch (RuntimeException e) {
      for (int i = 0; i < keys.size(); i++) {
        fill(keys.get(i), reservations.get(i), null);
      }
      throw e;
    }
    for (int i = 0; i < keys.size(); i++) {
      fill(keys.get(i), reservations.get(i), values.get(i));
    }
    return values;
  }

  /** A reservation to pass to {@link #fill}, or null when the key is being read already. */
  Object reserve(K key) {
    Reservation reservation = new Reservation();
    boolean added = entries.putIfAbsent(key, reservation) == null;
    nearBound = entries.size() >= recordReadsFrom;
    return added ? reservation : null;
  }

  /**
   * Keeps the value read for a reservation unless it was invalidated meanwhile; a null value just
   * ends the reservation.
   */
  void fill(K key, Object reservation, V value) {
    if (reservation == null) {
      return;
    }
    if (value == null) {
      entries.remove(key, reservation);
    } else {
      entries.replace(key, reservation, value);
    }
  }

  void invalidate(K key) {
    entries.remove(key);
  }

  void clear() {
    entries.clear();
  }

  int size() {
    return entries.size();
  }
}
