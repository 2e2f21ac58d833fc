package io.fenz.discovery.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
    Set<Long> seen = new HashSet<>();
    List<Long> ids = new ArrayList<>(count);
    // More than twice as many positions as wanted: a few dozen repeats at most, bounded anyway.
    for (int attempt = 0; ids.size() < count && attempt < 8 * count; attempt++) {
      int position = random.nextInt(total);
      for (long[] set : sets) {
        if (position < set.length) {
          if (seen.add(set[position])) {
            ids.add(set[position]);
          }
          break;
        }
        position -= set.length;
      }
    }
    return ids;
  }
}
