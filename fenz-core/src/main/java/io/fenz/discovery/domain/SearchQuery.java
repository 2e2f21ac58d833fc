package io.fenz.discovery.domain;

import io.fenz.content.domain.AccessTier;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated search: optional user text plus filters. {@code text} is null when the user typed
 * nothing; when present it has at least one searchable term ({@link SearchTokenizer#booleanQuery}
 * is present), so an adapter never has to handle an operator-only query. Null filters are not
 * applied. {@code sort} is already resolved ({@code RELEVANCE} only with text).
 *
 * @param publishedAfter inclusive lower bound on the publish time (from {@code uploaded=})
 * @param minViews lower bound on member + non-member views
 */
public record SearchQuery(
    String text,
    Long categoryId,
    DurationFilter duration,
    Instant publishedAfter,
    Long minViews,
    AccessTier access,
    SearchSort sort) {
  public SearchQuery {
    Objects.requireNonNull(sort, "sort");
    if (text != null && SearchTokenizer.booleanQuery(text).isEmpty()) {
      throw new IllegalArgumentException("text has no searchable term");
    }
    if (text == null && sort == SearchSort.RELEVANCE) {
      throw new IllegalArgumentException("relevance needs text");
    }
  }

  public boolean hasText() {
    return text != null;
  }
}
