package io.fenz.discovery.adapter;

/**
 * A card's tag ids as both stores hold them, comma-separated (MySQL's GROUP_CONCAT, the tag list of
 * a {@link CardValue} in Redis); parsed by hand: split and boxed per id, it was a visible part of
 * the warm-up's CPU at a million videos.
 */
final class TagIdList {
  private TagIdList() {}

  /** The ids of {@code joined} in its order; none for null or empty. */
  static long[] parse(String joined) {
    if (joined == null || joined.isEmpty()) {
      return new long[0];
    }
    int count = 1;
    for (int i = 0; i < joined.length(); i++) {
      if (joined.charAt(i) == ',') {
        count++;
      }
    }
    long[] ids = new long[count];
    int from = 0;
    for (int n = 0; n < count; n++) {
      int to = joined.indexOf(',', from);
      if (to < 0) {
        to = joined.length();
      }
      ids[n] = Long.parseLong(joined, from, to, 10);
      from = to + 1;
    }
    return ids;
  }
}
