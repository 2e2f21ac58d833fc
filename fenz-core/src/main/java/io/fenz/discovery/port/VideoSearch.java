package io.fenz.discovery.port;

import io.fenz.content.domain.Video;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.platform.PageRequest;

/**
 * Finds listed videos (published, owner not hidden) matching a {@link SearchQuery}, in its sort order.
 * The MariaDB/MySQL FULLTEXT adapter is the first implementation; a search engine (OpenSearch) can
 * replace it behind this interface: see docs/search.md.
 */
public interface VideoSearch {
  /**
   * One page of matches and their count. {@code total} is exact up to {@link #MAX_TOTAL}; past it an
   * adapter may stop counting and report {@code MAX_TOTAL} with {@link Results#totalExact()} false.
   * Pages past {@link #MAX_WINDOW} results are never requested.
   */
  Results search(SearchQuery query, PageRequest page);

  /** Results beyond this position are not served (deep paging costs grow with the offset). */
  int MAX_WINDOW = 10_000;

  /** Counting stops here: "10,000+ results" is as useful to people as the exact number. */
  int MAX_TOTAL = 10_000;

  /** Videos as stored (card fields, tag ids), in order; the caller decides what each viewer sees. */
  record Results(java.util.List<Video> items, long total, boolean totalExact) {}
}
