package io.fenz.discovery.app;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.VideoRepository;
import io.fenz.content.port.WatchPermission;
import io.fenz.discovery.domain.DurationFilter;
import io.fenz.discovery.domain.SearchOption;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.domain.UploadedWithin;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GET /search: validates the text and filters, asks the {@link VideoSearch} port, keeps only the
 * results content's {@link VideoRepository} says are listed now, unless the port vouches for them
 * ({@link VideoSearch.Results#listedNow()}: it applied every change the app announced), and marks
 * each card {@code locked} with content's {@link WatchPermission} (tier 1/2 videos are listed,
 * never playable).
 *
 * <p>Text with no searchable term (only operators, punctuation or exclusions, e.g. {@code "+"} or
 * {@code "-貓"}) matches nothing: the answer is an empty page, not an error. Blank text means "no
 * text": the filters alone list videos in the chosen sort (default newest).
 */
public final class SearchVideos {
  /** Longest accepted {@code q}, in characters (code points). */
  public static final int MAX_QUERY_CHARS = 200;

  /**
   * Raw request values; strings are the wire words ({@code short}, {@code week}, ...), null when
   * absent.
   */
  public record Command(
      String q,
      Long categoryId,
      String duration,
      String uploaded,
      Long minViews,
      String access,
      String sort) {
    public Command {
      if (q != null && q.isBlank()) {
        q = null;
      }
    }
  }

  public record Hit(Video video, boolean locked, boolean owner) {}

  /** {@code totalExact} is false when the count stopped at {@link VideoSearch#MAX_TOTAL}. */
  public record Result(Page<Hit> page, boolean totalExact) {}

  /**
   * Times a page is asked when some of its videos turned out unlisted (the index re-reads them in
   * between); after that (the listing changing faster than the index follows), they are left out.
   */
  static final int ASKS = 3;

  private final VideoSearch search;
  private final VideoRepository videos;
  private final WatchPermission watch;
  private final Clock clock;

  @Inject
  public SearchVideos(
      VideoSearch search, VideoRepository videos, WatchPermission watch, Clock clock) {
    this.search = search;
    this.videos = videos;
    this.watch = watch;
    this.clock = clock;
  }

  public Result execute(Command command, Viewer viewer, PageRequest page) {
    return UseCaseSpan.call("SearchVideos", () -> perform(command, viewer, page));
  }

  private Result perform(Command command, Viewer viewer, PageRequest page) {
    SearchQuery query = validate(command);
    if (page.offset() + page.pageSize() > VideoSearch.MAX_WINDOW) {
      throw new FenzException(
          ErrorKind.INVALID_INPUT,
          "invalid_request",
          "Search serves the first "
              + VideoSearch.MAX_WINDOW
              + " results; narrow the query or filters to see more.",
          List.of(
              new FieldError(
                  "page",
                  "beyond_result_window",
                  "page * pageSize must be at most " + VideoSearch.MAX_WINDOW + ".")),
          Map.of());
    }
    if (query == null) {
      return new Result(new Page<>(List.of(), page.page(), page.pageSize(), 0), true);
    }
    VideoSearch.Results found = search.search(query, page);
    List<Long> stale = unlisted(found);
    for (int asked = 1; !stale.isEmpty() && asked < ASKS; asked++) {
      // Unpublished, hidden or deleted since the index saw them: it re-reads them, and the page is
      // asked again, so that it is full and its total is the one the next pages count.
      search.recheck(stale);
      found = search.search(query, page);
      stale = unlisted(found);
    }
    if (!stale.isEmpty()) {
      search.recheck(stale);
    }
    List<Hit> hits = new ArrayList<>();
    for (Video v : found.items()) {
      if (!stale.contains(v.id())) {
        hits.add(new Hit(v, !watch.canWatch(v, viewer), v.isOwnedBy(viewer.userId())));
      }
    }
    long total = Math.max(hits.size() + page.offset(), found.total() - stale.size());
    return new Result(
        new Page<>(hits, page.page(), page.pageSize(), found.totalExact() ? total : found.total()),
        found.totalExact());
  }

  /** The answer's videos that are not listed now; none when the port vouches for them. */
  private List<Long> unlisted(VideoSearch.Results found) {
    if (found.listedNow()) {
      return List.of();
    }
    Set<Long> listed = videos.listedAmong(found.items().stream().map(Video::id).toList());
    return found.items().stream().map(Video::id).filter(id -> !listed.contains(id)).toList();
  }

  /**
   * The validated query, or null when the text has nothing searchable (the answer is then empty).
   */
  SearchQuery validate(Command c) {
    if (c.q() != null && c.q().codePointCount(0, c.q().length()) > MAX_QUERY_CHARS) {
      throw new FenzException(
          ErrorKind.INVALID_INPUT,
          "query_too_long",
          "q may be at most " + MAX_QUERY_CHARS + " characters.",
          List.of(
              new FieldError(
                  "q", "too_long", "q may be at most " + MAX_QUERY_CHARS + " characters.")),
          Map.of());
    }
    List<FieldError> errors = new ArrayList<>();
    DurationFilter duration = option(c.duration(), "duration", DurationFilter.values(), errors);
    UploadedWithin uploaded = option(c.uploaded(), "uploaded", UploadedWithin.values(), errors);
    SearchSort sort = option(c.sort(), "sort", SearchSort.values(), errors);
    AccessTier access = null;
    if (c.access() != null && !c.access().isEmpty()) {
      access =
          Arrays.stream(AccessTier.values())
              .filter(t -> Integer.toString(t.code()).equals(c.access().strip()))
              .findFirst()
              .orElse(null);
      if (access == null) {
        errors.add(new FieldError("access", "not_allowed", "access must be one of 0, 1, 2."));
      }
    }
    if (c.categoryId() != null && c.categoryId() < 1) {
      errors.add(
          new FieldError("categoryId", "not_an_id", "categoryId must be a positive whole number."));
    }
    if (c.minViews() != null && c.minViews() < 0) {
      errors.add(new FieldError("minViews", "negative", "minViews must be 0 or more."));
    }
    if (!errors.isEmpty()) {
      String message = errors.stream().map(FieldError::message).collect(Collectors.joining(" "));
      throw new FenzException(
          ErrorKind.INVALID_INPUT, "invalid_request", message, errors, Map.of());
    }
    if (c.q() != null && SearchTokenizer.booleanQuery(c.q()).isEmpty()) {
      return null;
    }
    SearchSort resolved =
        sort == null || (sort == SearchSort.RELEVANCE && c.q() == null)
            ? (c.q() == null ? SearchSort.NEWEST : SearchSort.RELEVANCE)
            : sort;
    return new SearchQuery(
        c.q(),
        c.categoryId(),
        duration,
        uploaded == null ? null : uploaded.since(clock.instant()),
        c.minViews() == null || c.minViews() == 0 ? null : c.minViews(),
        access,
        resolved);
  }

  private static <E extends Enum<E> & SearchOption> E option(
      String raw, String field, E[] values, List<FieldError> errors) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String wire = raw.strip().toLowerCase(Locale.ROOT);
    for (E value : values) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    String allowed =
        Arrays.stream(values).map(SearchOption::wire).collect(Collectors.joining(", "));
    errors.add(new FieldError(field, "not_allowed", field + " must be one of " + allowed + "."));
    return null;
  }
}
