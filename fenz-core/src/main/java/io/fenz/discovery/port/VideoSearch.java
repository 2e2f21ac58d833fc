package io.fenz.discovery.port;

import io.fenz.content.domain.Video;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.platform.PageRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds listed videos (published, owner not hidden) matching a {@link SearchQuery}, in its sort
 * order. An adapter may lag the database (in-memory Lucene by its catch-up, a future OpenSearch by
 * its refresh): the caller checks which results are still listed before showing any, unless the
 * adapter vouches for them ({@link Results#listedNow()}: it applied every change announced in
 * {@link ListingChanges}). Adapters: an in-process Lucene index, and MySQL FULLTEXT (see
 * docs/search.md).
 */
public interface VideoSearch {
  /**
   * One page of matches and their count. {@code total} is exact up to {@link #MAX_TOTAL}; past it
   * an adapter may stop counting and report {@code MAX_TOTAL} with {@link Results#totalExact()}
   * false. Pages past {@link #MAX_WINDOW} results are never requested.
   */
  Results search(SearchQuery query, PageRequest page);

  /**
   * The caller found these videos gone or no longer listed: an index that may lag re-reads them
   * now.
   */
  default void recheck(Collection<Long> videoIds) {}

  /**
   * {@code rows} in the order of {@code ids}; ids without a row (deleted meanwhile) are left out.
   */
  static List<Video> inOrder(List<Long> ids, Collection<Video> rows) {
    Map<Long, Video> byId = new HashMap<>();
    rows.forEach(v -> byId.put(v.id(), v));
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  /** Results beyond this position are not served (deep paging costs grow with the offset). */
  int MAX_WINDOW = 10_000;

  /** Counting stops here: "10,000+ results" is as useful to people as the exact number. */
  int MAX_TOTAL = 10_000;

  /**
   * Videos in result order, as stored when the adapter last looked (card fields, tag ids); the
   * caller decides what each viewer sees. {@code listedNow}: the adapter has applied every change
   * announced in {@link ListingChanges} before this search, so every item is listed as far as the
   * app's own changes go and the caller need not ask MySQL again; false: the caller checks.
   */
  record Results(List<Video> items, long total, boolean totalExact, boolean listedNow) {
    public Results(List<Video> items, long total, boolean totalExact) {
      this(items, total, totalExact, false);
    }
  }
}
