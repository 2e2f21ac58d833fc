package io.fenz.discovery.port;

/**
 * Rebuilding the search index from the videos of record, a range of ids at a time. The FULLTEXT
 * adapter recomputes {@code videos.search_tokens}; a search-engine adapter would re-send documents.
 */
public interface SearchIndex {
  /** The highest video id, or 0 when there are none. */
  long maxVideoId();

  /**
   * Re-indexes videos with {@code fromId <= id < toId}; returns how many were looked at and
   * changed.
   */
  Batch reindex(long fromId, long toId);

  record Batch(int seen, int changed) {}
}
