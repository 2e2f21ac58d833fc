package io.fenz.discovery.adapter;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * In-process copies of Redis values, kept exact by invalidations (platform.redis.KeyTracking).
 * A copy is taken in two steps so an invalidation racing the read wins: {@link #reserve} puts a
 * placeholder before Redis is asked, {@link #fill} replaces only that placeholder. An invalidation
 * in between removes the placeholder, and the possibly old value read is not kept.
 */
final class LocalCopies<K, V> {
  /** A placeholder; each reservation has its own, so a stale fill can't take a newer one's place. */
  private static final class Reservation {}

  private final ConcurrentHashMap<K, Object> entries = new ConcurrentHashMap<>();
  private final int capacity;

  LocalCopies(int capacity) {
    this.capacity = capacity;
  }

  /** The copy, or null when there is none yet. */
  @SuppressWarnings("unchecked")
  V get(K key) {
    Object value = entries.get(key);
    return value instanceof Reservation ? null : (V) value;
  }

  /**
   * The copy, or else {@code read} from Redis (its value kept unless invalidated meanwhile, or
   * null when Redis has nothing, which is not kept). Full: reads without keeping.
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

  /** A reservation to pass to {@link #fill}, or null when the key is being read already or there is no room. */
  Object reserve(K key) {
    if (entries.size() >= capacity) {
      return null;
    }
    Reservation reservation = new Reservation();
    return entries.putIfAbsent(key, reservation) == null ? reservation : null;
  }

  /** Keeps the value read for a reservation unless it was invalidated meanwhile; a null value just ends the reservation. */
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
