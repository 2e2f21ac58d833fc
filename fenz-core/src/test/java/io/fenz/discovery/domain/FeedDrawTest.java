package io.fenz.discovery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FeedDrawTest {
  private final Random random = new Random(42);

  @Test
  void subsetsAreNonEmptyAndVary() {
    List<Long> tags = List.of(1L, 2L, 3L, 4L, 5L);
    Set<List<Long>> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      List<Long> subset = FeedDraw.randomSubset(tags, random);
      assertThat(subset).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(tags);
      seen.add(subset.stream().sorted().toList());
    }
    assertThat(seen.size()).isGreaterThan(10);
    assertThat(FeedDraw.randomSubset(List.of(), random)).isEmpty();
  }

  @Test
  void samplesAreDistinctMembersOfTheUnion() {
    long[] cats = LongStream.range(0, 500).toArray();
    long[] cooking = LongStream.range(400, 900).toArray(); // overlaps cats on 400..499
    for (int i = 0; i < 100; i++) {
      List<Long> ids = FeedDraw.distinctSample(List.of(cats, cooking), 20, random);
      assertThat(ids).hasSize(20).doesNotHaveDuplicates().allMatch(id -> id >= 0 && id < 900);
    }
  }

  @Test
  void aSmallUnionIsReturnedWholeWithoutRepeats() {
    List<Long> ids =
        FeedDraw.distinctSample(List.of(new long[] {1, 2, 3}, new long[] {3, 4}), 20, random);
    assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    assertThat(FeedDraw.distinctSample(List.of(new long[0]), 20, random)).isEmpty();
  }

  @Test
  void everyMemberCanBeDrawn() {
    Set<Long> drawn = new HashSet<>();
    long[] set = LongStream.range(0, 100).toArray();
    for (int i = 0; i < 200; i++) {
      drawn.addAll(FeedDraw.distinctSample(List.of(set), 20, random));
    }
    assertThat(drawn).hasSize(100);
  }
}
