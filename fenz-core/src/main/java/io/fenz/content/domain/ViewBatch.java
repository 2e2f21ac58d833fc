package io.fenz.content.domain;

import java.util.List;

/**
 * Views buffered between two flushes, applied to the database as one unit under {@code id}. {@code
 * records} are the recorded views among those counted in {@code tallies}, not extra ones.
 */
public record ViewBatch(String id, List<Tally> tallies, List<View> records) {
  public record Tally(long videoId, long member, long nonMember) {}

  public long views() {
    return tallies.stream().mapToLong(t -> t.member() + t.nonMember()).sum();
  }
}
