package io.fenz.platform.listing;

import io.fenz.platform.redis.RedisStore;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@link ListingChanges} as the Redis stream {@code search:changes}: entries {@code v}
 * (comma-separated video ids) or {@code o} (an owner id); positions are stream entry ids, which a
 * new stream never repeats (they start from the clock), so a lost stream reads as "position no
 * longer held".
 */
public final class RedisListingChanges implements ListingChanges {
  /**
   * Entries kept (approximately): a process that follows the log on every search never falls this
   * far behind.
   */
  static final long KEPT = 100_000;

  private static final int PAGE = 1_000;
  private final RedisStore redis;

  @Inject
  public RedisListingChanges(RedisStore redis) {
    this.redis = redis;
  }

  private String key() {
    return redis.key("search:changes");
  }

  @Override
  public void videosChanged(Collection<Long> videoIds) {
    if (!videoIds.isEmpty()) {
      append("v", videoIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
  }

  @Override
  public void ownerChanged(long userId) {
    append("o", Long.toString(userId));
  }

  private void append(String field, String value) {
    redis
        .client()
        .xadd(
            key(),
            XAddParams.xAddParams().maxLen(KEPT).approximateTrimming(),
            Map.of(field, value));
  }

  @Override
  public String latest() {
    List<StreamEntry> last = redis.client().xrevrange(key(), "+", "-", 1);
    return last.isEmpty() ? START : last.getFirst().getID().toString();
  }

  @Override
  public Optional<Since> since(String position) {
    Set<Long> videos = new HashSet<>();
    boolean owners = false;
    String at = position;
    // START is before every entry; any other position must still be the first entry of the
    // (inclusive) range.
    boolean held = START.equals(position);
    String from = held ? "-" : position;
    while (true) {
      List<StreamEntry> page = redis.client().xrange(key(), from, "+", PAGE);
      int skip = 0;
      if (!held) {
        if (page.isEmpty() || !page.getFirst().getID().toString().equals(position)) {
          return Optional.empty();
        }
        held = true;
        skip = 1;
      }
      for (StreamEntry entry : page.subList(skip, page.size())) {
        String v = entry.getFields().get("v");
        if (v != null) {
          for (String id : v.split(",")) {
            videos.add(Long.parseLong(id));
          }
        }
        owners |= entry.getFields().containsKey("o");
        at = entry.getID().toString();
      }
      if (page.size() < PAGE) {
        return Optional.of(new Since(videos, owners, at));
      }
      from = "(" + at;
    }
  }
}
