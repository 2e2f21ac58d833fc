package io.fenz.discovery.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The feed's two random choices, shared by every place that draws (MySQL, the in-process copies;
 * Redis' script mirrors them).
 */
public final class FeedDraw {
  private FeedDraw() {}

  /** A random non-empty subset of the viewer's tags (empty only when there are none). */
  public static List<Long> randomSubset(List<Long> tags, Random random) {
    if (tags.isEmpty()) {
      return List.of();
    }
    List<Long> shuffled = new ArrayList<>(tags);
    Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, 1 + random.nextInt(shuffled.size())));
  }

  /**
   * Up to {@code count} distinct random ids from the union of the sets, without building it when it
   * is large: random positions across all sets, repeats skipped (an id in several of the chosen
   * tags is that much likelier, as it is with Redis' size-weighted SRANDMEMBER).
   */
  public static List<Long> distinctSample(List<long[]> sets, int count, Random random) {
    int total = 0;
    for (long[] set : sets) {
      total += set.length;
    }
    if (total <= 2 * count) {
      Set<Long> union = new LinkedHashSet<>();
      for (long[] set : sets) {
        for (long id : set) {
          union.add(id);
        }
      }
      List<Long> all = new ArrayList<>(union);
      Collections.shuffle(all, random);
      return all.size() <= count ? all : List.copyOf(all.subList(0, count));
    }
    long[] drawn = new long[count];
    int found = 0;
    // More than twice as many positions as wanted: a few dozen repeats at most, bounded anyway.
    for (int attempt = 0; found < count && attempt < 8 * count; attempt++) {
      int position = random.nextInt(total);
      for (long[] set : sets) {
        if (position < set.length) {
          if (!contains(drawn, found, set[position])) {
            drawn[found++] = set[position];
          }
          break;
        }
        position -= set.length;
      }
    }
    List<Long> ids = new ArrayList<>(found);
    for (int i = 0; i < found; i++) {
      ids.add(drawn[i]);
    }
    return ids;
  }

  /** A scan: a feed's 20 ids are fewer than a hash set's boxing and hashing would pay for. */
  private static boolean contains(long[] ids, int length, long id) {
    for (int i = 0; i < length; i++) {
      if (ids[i] == id) {
        return true;
      }
    }
    return false;
  }
}
