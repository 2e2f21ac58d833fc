package io.fenz.discovery.adapter;

import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.ListingChanges;
import io.fenz.discovery.port.LiveSearchIndex;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VideoSearch} on an in-process Lucene index of the published videos, which follows MySQL
 * ({@link LiveSearchIndex}): built from {@code videos} at start, then caught up every second from the rows
 * whose {@code changed_at} moved (the database maintains it on every change, whoever makes it) and from
 * the set of hidden owners. It holds exactly the listed videos (published, owner not hidden). Until it is
 * built, searches go to MySQL FULLTEXT ({@link JdbiVideoSearch}). See docs/search.md.
 *
 * <p>The index reads the very tokens MySQL stores ({@code search_tokens}, written by {@link SearchTokenizer})
 * into two fields: {@code all} (title and description, field markers dropped, a position gap between the
 * two so no phrase spans them) matches and scores; {@code title} (the title's tokens) only boosts. So both
 * engines match the same things, and phrases use token positions as InnoDB does. Ranking: every required
 * clause found in the title adds {@link #TITLE_WEIGHT} to the BM25 score (title matches first), then BM25,
 * then recency, then id. Counting stops at {@link #MAX_TOTAL} matches, which lets Lucene skip the
 * postings that cannot reach the page (block-max WAND), so a common word costs about as much at 1M videos
 * as at 10k; answers are kept until the index changes.
 *
 * <p>Visibility: every search first reads the {@link ListingChanges} log's latest position (one Redis
 * read). When the index has applied everything up to it, the answer is {@code listedNow} and the caller
 * skips its MySQL check; when the log moved on, the search applies the new entries first (or, if it can't
 * take the write lock within {@link #FOLLOW_WAIT}, answers unvouched and the caller checks MySQL); when the log is
 * unreachable or lost entries, pages are checked in MySQL until a {@link #reconcile} has run.
 */
@Singleton
public final class LuceneVideoSearch implements VideoSearch, LiveSearchIndex {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneVideoSearch.class);

  static final float TITLE_WEIGHT = 1000f;
  /** Rows kept per index reader (descriptions can be 5,000 characters). */
  static final int ROWS_KEPT = 5_000;
  /** Rows per query, building or catching up. */
  static final int BATCH = 5_000;
  /**
   * A row's changed_at is taken when its statement runs, not when it commits: each catch-up re-reads this
   * far back so a transaction that committed late is not missed (rows already applied are skipped).
   */
  static final Duration OVERLAP = Duration.ofSeconds(5);
  /** Positions between the title and the description section of {@code all}: more than any phrase spans. */
  static final int SECTION_GAP = 1_000;
  /**
   * How often the rows of every indexed video are checked for existence: a deletion whose announcement was
   * lost (Redis unreachable from the process that made it) leaves no changed row for the catch-up to find.
   */
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);
  /** After the log failed, it is not asked again for this long: a down Redis must not slow every search. */
  static final Duration LOG_RETRY = Duration.ofSeconds(1);
  /** How long a search waits for another write (catch-up, hook, another search following the log) before it answers unvouched. */
  static final Duration FOLLOW_WAIT = Duration.ofMillis(200);

  private static final String KEY = "key";
  private static final String ID = "id";
  private static final String ALL = "all";
  private static final String TITLE = "title";
  private static final String OWNER = "owner";
  private static final String CATEGORY = "category";
  private static final String DURATION = "duration";
  private static final String TIER = "tier";
  private static final String PUBLISHED = "published";
  private static final String VIEWS = "views";

  /**
   * Title and description share {@code all} (as in MySQL), so length norms are off: a detailed description
   * must not make the same title match rank lower.
   */
  private static final FieldType TEXT_TYPE = textType();

  private static final SortField PUBLISHED_DESC = LongField.newSortField(PUBLISHED, true, SortedNumericSelector.Type.MIN);
  private static final SortField VIEWS_DESC = LongField.newSortField(VIEWS, true, SortedNumericSelector.Type.MIN);
  private static final SortField ID_DESC = LongField.newSortField(ID, true, SortedNumericSelector.Type.MIN);

  /** STRAIGHT_JOIN: videos drive (by id or changed_at); left alone, MariaDB may start from users and sort every video. */
  private static final String ROW = "SELECT STRAIGHT_JOIN v.id, v.is_published AND NOT u.is_hidden AS listed, v.search_tokens, v.category_id,"
      + " v.duration_s, v.access_tier, v.published_at, v.views_total, v.changed_at, ch.user_id AS owner_id"
      + " FROM videos v JOIN channels ch ON ch.id = v.channel_id JOIN users u ON u.id = ch.user_id";

  private final Database db;
  private final VideoRepository videos;
  private final JdbiVideoSearch fulltext;
  private final FenzConfig.Search config;
  private final ListingChanges changes;
  /** Serializes index writes (build, catch-up, hooks, following the log) so an older read of a row never overwrites a newer one. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Engine engine;
  /**
   * The {@link ListingChanges} position the published reader includes (set after the reader is published);
   * null while unknown (the log was unreachable or lost entries): pages are then checked in MySQL.
   */
  private volatile String followed;
  /** System.nanoTime before which the log is not asked (after a failure). */
  private volatile long askLogAfter = System.nanoTime();
  /** Used by the catch-up thread only. */
  private long lastReconcile = System.nanoTime();
  /** Guarded by writeLock: where the next catch-up starts, the rows applied since then (id -> changed_at), hidden owners. */
  private LocalDateTime caughtUpTo;
  private final Map<Long, LocalDateTime> recentlyApplied = new HashMap<>();
  private Set<Long> hiddenOwners = Set.of();
  private ScheduledExecutorService loop;
  private Thread cleanupAtExit;
  private boolean catchUpFailing;

  /**
   * Answers and rows read on one index reader. Any change the index applies opens a new reader, so what is
   * kept is exactly what the index would answer now: repeated searches (popular words, the first pages)
   * cost two map lookups and the caller's listed check.
   */
  private record Kept(IndexReader reader, Map<Asked, Ranked> answers, Map<Long, Video> rows) {}

  private record Asked(SearchQuery query, long offset, int pageSize) {}

  private record Ranked(List<Long> ids, long total, boolean exact) {}

  private volatile Kept kept = new Kept(null, Map.of(), Map.of());

  private record Engine(Path dir, FSDirectory directory, IndexWriter writer, SearcherManager searchers) {}

  private record Row(long id, boolean listed, String tokens, Long categoryId, int durationSeconds, int tier,
                     LocalDateTime publishedAt, long views, LocalDateTime changedAt, long ownerId) {}

  @Inject
  public LuceneVideoSearch(Database db, VideoRepository videos, JdbiVideoSearch fulltext, FenzConfig.Search config, ListingChanges changes) {
    this.db = db;
    this.videos = videos;
    this.fulltext = fulltext;
    this.config = config;
    this.changes = changes;
  }

  // ---- VideoSearch ----

  @Override
  public Results search(SearchQuery query, PageRequest page) {
    Engine e = engine;
    if (e == null) {
      return fulltext.search(query, page);
    }
    boolean listedNow = upToDate();  // before the reader is acquired: that reader includes what was followed
    try {
      IndexSearcher searcher = e.searchers().acquire();
      try {
        Kept kept = this.kept;
        if (kept.reader() != searcher.getIndexReader()) {
          kept = new Kept(searcher.getIndexReader(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
          this.kept = kept;
        }
        boolean keep = config.answersKept() > 0;
        Asked asked = new Asked(query, page.offset(), page.pageSize());
        Ranked ranked = keep ? kept.answers().get(asked) : null;
        if (ranked == null) {
          ranked = rank(searcher, query, page);
          if (keep) {
            if (kept.answers().size() >= config.answersKept()) {
              // Full (many queries, or "uploaded=" windows, a new one each second, on a reader that lives long): start over.
              kept.answers().clear();
            }
            kept.answers().put(asked, ranked);
          }
        }
        return new Results(rows(kept, ranked.ids(), keep), ranked.total(), ranked.exact(), listedNow);
      } finally {
        e.searchers().release(searcher);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Whether the index has applied every announced change, following the log first if it moved on. */
  private boolean upToDate() {
    if (System.nanoTime() - askLogAfter < 0) {
      return false;
    }
    try {
      return changes.latest().equals(followed) || follow();
    } catch (RuntimeException ex) {
      // Announcements made meanwhile may be lost with it: unknown until a reconcile.
      followed = null;
      askLogAfter = System.nanoTime() + LOG_RETRY.toNanos();
      LOG.debug("search index: change log unreachable ({}); pages are checked in MySQL", ex.getMessage());
      return false;
    }
  }

  /**
   * Applies the log's entries since {@link #followed} (or, when that position is unknown or no longer held, a
   * {@link #reconcile}); false when the write lock is held for longer than {@link #FOLLOW_WAIT} (a reconcile
   * reads a row id per indexed video): this page is then checked in MySQL.
   */
  private boolean follow() {
    try {
      if (!writeLock.tryLock(FOLLOW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      String at = followed;
      Optional<ListingChanges.Since> since = at == null ? Optional.empty() : changes.since(at);
      if (since.isEmpty()) {
        String latest = changes.latest();  // read before MySQL is: what it announces is in what the reconcile reads
        reconcile();
        followed = latest;
      } else {
        if (since.get().owners()) {
          applyHiddenOwners(hiddenOwners());
        }
        reread(since.get().videoIds());
        publish();
        followed = since.get().latest();
      }
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  private static Ranked rank(IndexSearcher searcher, SearchQuery query, PageRequest page) throws IOException {
    int offset = Math.toIntExact(page.offset());  // at most MAX_WINDOW (SearchVideos checks)
    TopDocs top = searcher.search(query(query), new TopFieldCollectorManager(sort(query), offset + page.pageSize(), null, MAX_TOTAL));
    List<Long> ids = new ArrayList<>();
    for (int i = offset; i < top.scoreDocs.length; i++) {
      ids.add(idOf(top.scoreDocs[i]));
    }
    boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO && top.totalHits.value() <= MAX_TOTAL;
    return new Ranked(ids, exact ? top.totalHits.value() : MAX_TOTAL, exact);
  }

  /**
   * The hits' rows: kept ones, the rest read by primary key. Rows change only with a change the index
   * applies (a new reader), so a kept row is as current as the index; ids without a row were deleted by
   * another process and are re-read (removed) at once.
   */
  private List<Video> rows(Kept kept, List<Long> ids, boolean keep) {
    List<Video> rows = new ArrayList<>();
    List<Long> missing = new ArrayList<>();
    for (long id : ids) {
      Video row = kept.rows().get(id);
      if (row == null) {
        missing.add(id);
      } else {
        rows.add(row);
      }
    }
    if (!missing.isEmpty()) {
      List<Video> loaded = videos.findByIds(missing);
      rows.addAll(loaded);
      if (keep && kept.rows().size() < ROWS_KEPT) {
        loaded.forEach(v -> kept.rows().put(v.id(), v));
      }
      if (loaded.size() < missing.size()) {
        Set<Long> gone = new HashSet<>(missing);
        loaded.forEach(v -> gone.remove(v.id()));
        reindex(gone);
      }
    }
    return JdbiVideoSearch.inOrder(ids, rows);
  }

  @Override
  public void recheck(Collection<Long> videoIds) {
    reindex(videoIds);
  }

  /** The Lucene query and sort a search runs (the benchmark prints them as the plan). */
  public String describe(SearchQuery query) {
    return query(query) + "  sorted by " + sort(query);
  }

  /** The index's size on disk (memory-mapped files), 0 until built. */
  public long sizeBytes() {
    Engine e = engine;
    if (e == null) {
      return 0;
    }
    try (Stream<Path> files = Files.list(e.dir())) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Every sort ends with the id, so the hit's id is its last sort value (no stored-field lookup). */
  private static long idOf(ScoreDoc hit) {
    Object[] values = ((FieldDoc) hit).fields;
    return (Long) values[values.length - 1];
  }

  private static Query query(SearchQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean restricted = false;
    if (q.hasText()) {
      for (SearchTokenizer.Clause clause : SearchTokenizer.clauses(q.text())) {
        if (clause.exclude()) {
          b.add(match(ALL, clause.tokens()), Occur.MUST_NOT);
        } else {
          b.add(match(ALL, clause.tokens()), Occur.MUST);
          b.add(new BoostQuery(new ConstantScoreQuery(match(TITLE, clause.tokens())), TITLE_WEIGHT), Occur.SHOULD);
          restricted = true;
        }
      }
    }
    if (q.categoryId() != null) {
      b.add(LongField.newExactQuery(CATEGORY, q.categoryId()), Occur.FILTER);
      restricted = true;
    }
    if (q.duration() != null) {
      Integer max = q.duration().maxSecondsExclusive();
      b.add(IntField.newRangeQuery(DURATION, q.duration().minSeconds(), max == null ? Integer.MAX_VALUE : max - 1), Occur.FILTER);
      restricted = true;
    }
    if (q.publishedAfter() != null) {
      b.add(LongField.newRangeQuery(PUBLISHED, q.publishedAfter().toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
      restricted = true;
    }
    if (q.minViews() != null) {
      b.add(LongField.newRangeQuery(VIEWS, q.minViews(), Long.MAX_VALUE), Occur.FILTER);
      restricted = true;
    }
    if (q.access() != null) {
      b.add(IntField.newExactQuery(TIER, q.access().code()), Occur.FILTER);
      restricted = true;
    }
    return restricted ? b.build() : new MatchAllDocsQuery();
  }

  private static Query match(String field, List<String> tokens) {
    return tokens.size() == 1
        ? new TermQuery(new Term(field, tokens.getFirst()))
        : new PhraseQuery(field, tokens.toArray(String[]::new));
  }

  private static Sort sort(SearchQuery q) {
    return switch (q.sort()) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, PUBLISHED_DESC, ID_DESC);
      case NEWEST -> new Sort(PUBLISHED_DESC, ID_DESC);
      case VIEWS -> new Sort(VIEWS_DESC, PUBLISHED_DESC, ID_DESC);
    };
  }

  // ---- LiveSearchIndex ----

  @Override
  public void start() {
    if (!config.inMemory() || engine != null) {
      return;
    }
    long started = System.nanoTime();
    String position = positionOrNull();  // before the build reads MySQL: the index then includes what it announces
    writeLock.lock();
    try {
      engine = build();
      followed = position;
    } finally {
      writeLock.unlock();
    }
    LOG.info("search index built: {} videos in {} ms", engine.writer().getDocStats().numDocs, (System.nanoTime() - started) / 1_000_000);
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fenz-search-catch-up");
      t.setDaemon(true);
      return t;
    });
    // On /metrics: NaN while MySQL FULLTEXT answers, then the number of indexed videos.
    Gauge.builder("fenz.search.index.documents", this, LuceneVideoSearch::indexedDocuments).register(Metrics.globalRegistry);
    cleanupAtExit = new Thread(this::stop, "fenz-search-cleanup");
    java.lang.Runtime.getRuntime().addShutdownHook(cleanupAtExit);
    long every = config.catchUpInterval().toMillis();
    loop.scheduleWithFixedDelay(this::catchUpOrLog, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void reindex(Collection<Long> videoIds) {
    if (engine == null || videoIds.isEmpty()) {
      return;
    }
    writeLock.lock();
    try {
      reread(videoIds);
      publish();
    } catch (RuntimeException e) {
      // The next catch-up applies it (deletions: the next search that meets the id re-checks it).
      LOG.warn("search index: re-reading videos {} failed ({}); the catch-up will retry", videoIds, e.getMessage());
    } finally {
      writeLock.unlock();
    }
  }

  /** Re-reads these rows (ids without one are deleted); searchable after {@link #publish}. */
  private void reread(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return;
    }
    List<Row> rows = db.withHandle(h -> h.createQuery(ROW + " WHERE v.id IN (<ids>)").bindList("ids", List.copyOf(videoIds))
        .map((rs, ctx) -> row(rs)).list());
    Set<Long> gone = new HashSet<>(videoIds);
    rows.forEach(r -> gone.remove(r.id()));
    apply(rows, gone);
  }

  /**
   * Deletions leave no changed row: drops the indexed videos whose row is gone, then catches up. For when
   * announcements may have been missed (the log was unreachable or lost entries), and every
   * {@link #RECONCILE_EVERY}.
   */
  private void reconcile() {
    Engine e = engine;
    try {
      IndexSearcher searcher = e.searchers().acquire();
      long[] ids;
      try {
        ids = indexedIds(searcher.getIndexReader());
      } finally {
        e.searchers().release(searcher);
      }
      for (int from = 0; from < ids.length; from += BATCH) {
        long low = ids[from];
        long high = ids[Math.min(from + BATCH, ids.length) - 1];
        Set<Long> present = new HashSet<>(db.withHandle(h -> h.createQuery("SELECT id FROM videos WHERE id BETWEEN :low AND :high")
            .bind("low", low).bind("high", high).mapTo(Long.class).list()));
        apply(List.of(), LongStream.of(ids).skip(from).limit(BATCH).filter(id -> !present.contains(id)).boxed().toList());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    catchUp();  // publishes
  }

  /** The ids of the live documents, ascending. */
  private static long[] indexedIds(IndexReader reader) throws IOException {
    LongStream.Builder ids = LongStream.builder();
    for (LeafReaderContext leaf : reader.leaves()) {
      SortedNumericDocValues values = DocValues.getSortedNumeric(leaf.reader(), ID);
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (live == null || live.get(doc)) {
          ids.add(values.nextValue());
        }
      }
    }
    return ids.build().sorted().toArray();
  }

  @Override
  public void catchUp() {
    if (engine == null) {
      return;
    }
    writeLock.lock();
    try {
      LocalDateTime now = databaseNow();
      LocalDateTime horizon = now.minus(OVERLAP);  // the next catch-up re-reads from here
      LocalDateTime afterChanged = caughtUpTo.minus(OVERLAP);
      long afterId = 0;
      List<Row> batch;
      do {
        LocalDateTime changed = afterChanged;
        long id = afterId;
        batch = db.withHandle(h -> h.createQuery(ROW + " WHERE v.changed_at > :changed OR (v.changed_at = :changed AND v.id > :id)"
                + " ORDER BY v.changed_at, v.id LIMIT :limit")
            .bind("changed", changed).bind("id", id).bind("limit", BATCH).map((rs, ctx) -> row(rs)).list());
        List<Row> fresh = batch.stream().filter(r -> !r.changedAt().equals(recentlyApplied.get(r.id()))).toList();
        apply(fresh, List.of());
        fresh.stream().filter(r -> !r.changedAt().isBefore(horizon)).forEach(r -> recentlyApplied.put(r.id(), r.changedAt()));
        if (!batch.isEmpty()) {
          afterChanged = batch.getLast().changedAt();
          afterId = batch.getLast().id();
        }
      } while (batch.size() == BATCH);
      recentlyApplied.values().removeIf(changedAt -> changedAt.isBefore(horizon));
      applyHiddenOwners(hiddenOwners());
      publish();  // once, after every batch: a reader is opened only if something changed
      caughtUpTo = now;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void stop() {
    if (loop != null) {
      loop.shutdownNow();
    }
    if (cleanupAtExit != null && Thread.currentThread() != cleanupAtExit) {
      try {
        java.lang.Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
      } catch (IllegalStateException exiting) {
        // the JVM is already shutting down
      }
    }
    writeLock.lock();
    try {
      Engine e = engine;
      engine = null;
      if (e != null) {
        close(e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  private double indexedDocuments() {
    Engine e = engine;
    return e == null ? Double.NaN : e.writer().getDocStats().numDocs;
  }

  private String positionOrNull() {
    try {
      return changes.latest();
    } catch (RuntimeException e) {
      LOG.warn("search index: change log unreachable ({}); pages are checked in MySQL until it answers", e.getMessage());
      return null;
    }
  }

  private void catchUpOrLog() {
    try {
      if (System.nanoTime() - lastReconcile >= RECONCILE_EVERY.toNanos()) {
        writeLock.lock();
        try {
          reconcile();
        } finally {
          writeLock.unlock();
        }
        lastReconcile = System.nanoTime();
      }
      catchUp();
      if (catchUpFailing) {
        LOG.info("search index: catching up again");
        catchUpFailing = false;
      }
    } catch (RuntimeException e) {
      if (!catchUpFailing) {
        LOG.warn("search index: catch-up failed ({}); searches use the index as of the last catch-up, retrying", e.getMessage());
        catchUpFailing = true;
      }
    }
  }

  /** A fresh index of every published video; the catch-up starts from before the scan, so nothing changed during it is lost. */
  private Engine build() {
    Path dir = null;
    IndexWriter writer = null;
    try {
      dir = Files.createTempDirectory("fenz-search-");
      FSDirectory directory = FSDirectory.open(dir);
      writer = new IndexWriter(directory, new IndexWriterConfig(new SearchTokensAnalyzer(TITLE, SECTION_GAP)).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setRAMBufferSizeMB(64));
      caughtUpTo = databaseNow();
      long after = 0;
      while (true) {
        long from = after;
        List<Row> batch = db.withHandle(h -> h.createQuery(ROW + " WHERE v.is_published = TRUE AND u.is_hidden = FALSE AND v.id > :after"
                + " ORDER BY v.id LIMIT :limit")
            .bind("after", from).bind("limit", BATCH).map((rs, ctx) -> row(rs)).list());
        if (batch.isEmpty()) {
          break;
        }
        writer.addDocuments(batch.stream().map(LuceneVideoSearch::document).toList());
        after = batch.getLast().id();
      }
      hiddenOwners = hiddenOwners();
      return new Engine(dir, directory, writer, new SearcherManager(writer, null));
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        try {
          writer.rollback();
        } catch (IOException ignored) {
          // already failing
        }
      }
      deleteQuietly(dir);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private Set<Long> hiddenOwners() {
    // Both roles listed so that ix_users_role_hidden (role, is_hidden) answers from the index.
    return db.withHandle(h -> Set.copyOf(h.createQuery("SELECT id FROM users WHERE role IN ('USER', 'ADMIN') AND is_hidden = TRUE")
        .mapTo(Long.class).list()));
  }

  /** Owners hidden since the last look lose their videos; restored owners get theirs back (their rows did not change). */
  private void applyHiddenOwners(Set<Long> hidden) {
    Engine e = engine;
    List<Long> restored = hiddenOwners.stream().filter(id -> !hidden.contains(id)).toList();
    try {
      for (long owner : hidden) {
        if (!hiddenOwners.contains(owner)) {
          e.writer().deleteDocuments(LongField.newExactQuery(OWNER, owner));
        }
      }
      if (!restored.isEmpty()) {
        List<Row> rows = db.withHandle(h -> {
          List<Long> channels = h.createQuery("SELECT id FROM channels WHERE user_id IN (<owners>)").bindList("owners", restored)
              .mapTo(Long.class).list();
          return channels.isEmpty() ? List.<Row>of() : h.createQuery(ROW + " WHERE v.channel_id IN (<channels>)")
              .bindList("channels", channels).map((rs, ctx) -> row(rs)).list();
        });
        apply(rows, List.of());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    hiddenOwners = hidden;
  }

  /** Upserts listed rows and deletes unlisted rows and {@code gone} ids; searchable after {@link #publish}. */
  private void apply(List<Row> rows, Collection<Long> gone) {
    if (rows.isEmpty() && gone.isEmpty()) {
      return;
    }
    Engine e = engine;
    try {
      for (Row r : rows) {
        Term key = new Term(KEY, Long.toString(r.id()));
        if (r.listed()) {
          e.writer().updateDocument(key, document(r));
        } else {
          e.writer().deleteDocuments(key);
        }
      }
      for (long id : gone) {
        e.writer().deleteDocuments(new Term(KEY, Long.toString(id)));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Makes the applied changes searchable (a new reader, which also drops what was kept for the old one). */
  private void publish() {
    try {
      engine.searchers().maybeRefreshBlocking();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The database's clock: changed_at is set by it, so the catch-up compares against it, not ours. */
  private LocalDateTime databaseNow() {
    return db.withHandle(h -> h.createQuery("SELECT NOW(3)").mapTo(LocalDateTime.class).one());
  }

  private static Document document(Row r) {
    Document d = new Document();
    d.add(new StringField(KEY, Long.toString(r.id()), Field.Store.NO));
    d.add(new LongField(ID, r.id(), Field.Store.NO));
    d.add(new Field(ALL, r.tokens(), TEXT_TYPE));
    d.add(new Field(TITLE, r.tokens(), TEXT_TYPE));
    d.add(new LongField(OWNER, r.ownerId(), Field.Store.NO));
    if (r.categoryId() != null) {
      d.add(new LongField(CATEGORY, r.categoryId(), Field.Store.NO));
    }
    d.add(new IntField(DURATION, r.durationSeconds(), Field.Store.NO));
    d.add(new IntField(TIER, r.tier(), Field.Store.NO));
    Instant published = r.publishedAt() == null ? Instant.EPOCH : Utc.fromDb(r.publishedAt());
    d.add(new LongField(PUBLISHED, published.toEpochMilli(), Field.Store.NO));
    d.add(new LongField(VIEWS, r.views(), Field.Store.NO));
    return d;
  }

  private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(rs.getLong("id"), rs.getBoolean("listed"), rs.getString("search_tokens"),
        rs.getObject("category_id", Long.class), rs.getInt("duration_s"), rs.getInt("access_tier"),
        rs.getObject("published_at", LocalDateTime.class), rs.getLong("views_total"),
        rs.getObject("changed_at", LocalDateTime.class), rs.getLong("owner_id"));
  }

  private static FieldType textType() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setOmitNorms(true);
    type.freeze();
    return type;
  }

  private static void close(Engine e) {
    try {
      e.searchers().close();
      e.writer().rollback();  // nothing to keep: the next start rebuilds from MySQL
      e.directory().close();
    } catch (IOException ex) {
      LOG.warn("search index: closing failed ({})", ex.getMessage());
    }
    deleteQuietly(e.dir());
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory; the OS cleans it eventually
    }
  }
}
