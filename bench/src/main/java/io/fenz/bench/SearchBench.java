package io.fenz.bench;

import io.fenz.content.adapter.JdbiVideoRepository;
import io.fenz.content.app.VideoAccess;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.ChannelAccess;
import io.fenz.discovery.adapter.JdbiIndexableVideos;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.adapter.lucene.LuceneVideoSearch;
import io.fenz.discovery.app.SearchVideos;
import io.fenz.discovery.domain.DurationFilter;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.listing.RedisListingChanges;
import io.fenz.platform.redis.RedisStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Search benchmark: builds (or reuses) generated databases of 10k, 100k and 1M videos and measures
 * the search use case ({@link SearchVideos} over {@link LuceneVideoSearch}, as a guest, the page's
 * rows loaded from MySQL) with the same {@link QueryMix} at 10k, 100k and 1M; prints {@code name:
 * value} lines, the index build time and the query plans. FENZ_BENCH_FULLTEXT=1 also measures the
 * MySQL FULLTEXT adapter ({@link JdbiVideoSearch}, the fallback; its 1M round takes many minutes).
 *
 * <pre>
 * java -jar bench/target/fenz-bench.jar [latency]   # default: prepare 10k, 100k, 1M; measure; EXPLAIN
 * java -jar bench/target/fenz-bench.jar prepare NAME ROWS
 * java -jar bench/target/fenz-bench.jar urls         # the mix as request paths (for wrk)
 * </pre>
 *
 * Server: FENZ_BENCH_DB_URL (default jdbc:mariadb://127.0.0.1:3306/?user=root),
 * FENZ_BENCH_REDIS_URL (default redis://127.0.0.1:6379). Rounds: FENZ_BENCH_ROUNDS_10K (default
 * 20), FENZ_BENCH_ROUNDS_1M (default 10, also used at 100k).
 */
public final class SearchBench {
  private static final Viewer GUEST = new Viewer(null, null);

  /**
   * The 10k database is measured first: with one round it still paid for JIT compilation (its p95
   * read high).
   */
  private static final int WARM_UP_ROUNDS = 5;

  /** The change log the index follows (a key prefix of its own per database). */
  private static final String REDIS =
      System.getenv().getOrDefault("FENZ_BENCH_REDIS_URL", "redis://127.0.0.1:6379");

  private SearchBench() {}

  public static void main(String[] args) throws Exception {
    String server =
        System.getenv()
            .getOrDefault("FENZ_BENCH_DB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    String mode = args.length == 0 ? "latency" : args[0];
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    switch (mode) {
      case "prepare" -> {
        BenchDatabase db = new BenchDatabase(server, args[1], Integer.parseInt(args[2]), now);
        double seconds = db.ensure();
        System.out.printf(
            Locale.ROOT,
            "load.%s.seconds: %s%n",
            args[1],
            seconds == 0 ? "reused" : String.format(Locale.ROOT, "%.1f", seconds));
      }
      case "urls" -> QueryMix.queries().forEach(q -> System.out.println(q.urlPath()));
      case "latency" -> latency(server, now);
      default -> throw new IllegalArgumentException("usage: [latency] | prepare NAME ROWS | urls");
    }
  }

  private static void latency(String server, LocalDateTime now) throws Exception {
    int rounds10k = Integer.parseInt(System.getenv().getOrDefault("FENZ_BENCH_ROUNDS_10K", "20"));
    int rounds1m = Integer.parseInt(System.getenv().getOrDefault("FENZ_BENCH_ROUNDS_1M", "10"));
    BenchDatabase small = new BenchDatabase(server, "fenz_bench_10k", 10_000, now);
    BenchDatabase medium = new BenchDatabase(server, "fenz_bench_100k", 100_000, now);
    BenchDatabase large = new BenchDatabase(server, "fenz_bench_1m", 1_000_000, now);
    for (BenchDatabase db : List.of(small, medium, large)) {
      double seconds = db.ensure();
      System.out.printf(
          Locale.ROOT,
          "load.%s.seconds: %s%n",
          db.name(),
          seconds == 0 ? "reused" : String.format(Locale.ROOT, "%.1f", seconds));
    }
    List<QueryMix.Query> mix = QueryMix.queries();
    List<Engine> engines =
        "1".equals(System.getenv("FENZ_BENCH_FULLTEXT"))
            ? List.of(Engine.MEMORY, Engine.FULLTEXT)
            : List.of(Engine.MEMORY);
    for (Engine engine : engines) {
      String prefix = engine == Engine.MEMORY ? "" : "fulltext.";
      System.out.printf(
          Locale.ROOT,
          "bench: search use case (SearchVideos -> %s, rows loaded by id from MySQL), guest, page 1 of 20,"
              + " %d queries in the mix, %d rounds at 10k, %d at 100k and 1M, shuffled, after %d warm-up rounds%n",
          engine.adapter,
          mix.size(),
          rounds10k,
          rounds1m,
          WARM_UP_ROUNDS);
      Result r10k = measure(small, mix, rounds10k, engine);
      Result r100k = measure(medium, mix, rounds1m, engine);
      Result r1m = measure(large, mix, rounds1m, engine);
      print(prefix, "10k", r10k);
      print(prefix, "100k", r100k);
      print(prefix, "1m", r1m);
      System.out.printf(
          Locale.ROOT, "%sratio.search_p95_1m_over_10k: %.2f%n", prefix, r1m.p95 / r10k.p95);
      System.out.printf(
          Locale.ROOT, "%sratio.search_p50_1m_over_10k: %.2f%n", prefix, r1m.p50 / r10k.p50);
      System.out.println(prefix + "per-query median ms at 10k / 100k / 1m, and matches at 1m:");
      for (String name : r1m.medians.keySet()) {
        System.out.printf(
            Locale.ROOT,
            "  %-20s %8.2f %8.2f %9.2f   total %s%n",
            name,
            r10k.medians.get(name),
            r100k.medians.get(name),
            r1m.medians.get(name),
            r1m.totals.get(name));
      }
    }
    explain(large);
  }

  /**
   * The two VideoSearch adapters: the in-memory index (what `fenz serve` uses) and MySQL FULLTEXT
   * (its fallback).
   */
  enum Engine {
    MEMORY("LuceneVideoSearch"),
    FULLTEXT("JdbiVideoSearch");

    final String adapter;

    Engine(String adapter) {
      this.adapter = adapter;
    }
  }

  record Result(
      double p50,
      double p95,
      double p99,
      double max,
      Map<String, Double> medians,
      Map<String, String> totals) {}

  private static Result measure(
      BenchDatabase bench, List<QueryMix.Query> mix, int rounds, Engine engine) {
    LuceneVideoSearch index = null;
    try (Database db = new Database(new FenzConfig.Database(bench.jdbcUrl(), null, null, 2));
        RedisStore redis =
            new RedisStore(
                new FenzConfig.Redis(URI.create(REDIS), "fenz-bench:" + bench.name() + ":", 4))) {
      db.migrate(); // databases loaded by an older bench get the newer columns
      JdbiVideoRepository rows = new JdbiVideoRepository(db);
      // no practical statement limit: the bench measures how long FULLTEXT takes, however long
      FenzConfig.Search config =
          new FenzConfig.Search(true, Duration.ofSeconds(1), 0, 2, Duration.ofHours(1));
      JdbiVideoSearch fulltext = new JdbiVideoSearch(db, rows, config);
      VideoSearch adapter = fulltext;
      if (engine == Engine.MEMORY) {
        // Nothing kept: the mix repeats its queries, and this measures the index and the row reads.
        // Nothing is
        // announced, so each page's listed check is the one read of the change log, as in `fenz
        // serve`.
        index =
            new LuceneVideoSearch(
                new JdbiIndexableVideos(db),
                rows,
                fulltext,
                config,
                new RedisListingChanges(redis),
                new SimpleMeterRegistry());
        long started = System.nanoTime();
        index.start();
        System.out.printf(
            Locale.ROOT,
            "index.%s.build_seconds: %.1f%n",
            bench.name(),
            (System.nanoTime() - started) / 1e9);
        System.out.printf(
            Locale.ROOT, "index.%s.size_mb: %.0f%n", bench.name(), index.sizeBytes() / 1048576.0);
        for (var plan : PLANS.entrySet()) {
          System.out.printf(
              Locale.ROOT,
              "index.%s.plan.%s: %s%n",
              bench.name(),
              plan.getKey(),
              index.describe(plan.getValue()));
        }
        adapter = index;
      }
      SearchVideos search =
          new SearchVideos(adapter, rows, new VideoAccess(new NoRelations()), Clock.systemUTC());
      PageRequest page = new PageRequest(1, 20);
      Map<String, String> totals = new LinkedHashMap<>();
      for (int round = 0;
          round < WARM_UP_ROUNDS;
          round++) { // JIT, connection pool, hot index pages
        for (QueryMix.Query q : mix) {
          SearchVideos.Result r = search.execute(q.command(), GUEST, page);
          totals.put(q.name(), r.page().total() + (r.totalExact() ? "" : "+"));
        }
      }
      List<Double> all = new ArrayList<>();
      Map<String, List<Double>> byQuery = new LinkedHashMap<>();
      Random shuffle = new Random(7);
      for (int round = 0; round < rounds; round++) {
        List<QueryMix.Query> order = new ArrayList<>(mix);
        Collections.shuffle(order, shuffle);
        for (QueryMix.Query q : order) {
          long start = System.nanoTime();
          search.execute(q.command(), GUEST, page);
          double ms = (System.nanoTime() - start) / 1e6;
          all.add(ms);
          byQuery.computeIfAbsent(q.name(), k -> new ArrayList<>()).add(ms);
        }
      }
      Map<String, Double> medians = new LinkedHashMap<>();
      mix.forEach(q -> medians.put(q.name(), percentile(byQuery.get(q.name()), 50)));
      return new Result(
          percentile(all, 50),
          percentile(all, 95),
          percentile(all, 99),
          percentile(all, 100),
          medians,
          totals);
    } finally {
      if (index != null) {
        index.stop();
      }
    }
  }

  private static void print(String prefix, String size, Result r) {
    System.out.printf(Locale.ROOT, "%ssearch.p50_ms.%s: %.2f%n", prefix, size, r.p50);
    System.out.printf(Locale.ROOT, "%ssearch.p95_ms.%s: %.2f%n", prefix, size, r.p95);
    System.out.printf(Locale.ROOT, "%ssearch.p99_ms.%s: %.2f%n", prefix, size, r.p99);
    System.out.printf(Locale.ROOT, "%ssearch.max_ms.%s: %.2f%n", prefix, size, r.max);
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static final Map<String, SearchQuery> PLANS = new LinkedHashMap<>();

  static {
    PLANS.put(
        "text", new SearchQuery("iPhone 開箱", null, null, null, null, null, SearchSort.RELEVANCE));
    PLANS.put(
        "text+filters",
        new SearchQuery("開箱", 5L, DurationFilter.MEDIUM, null, null, null, SearchSort.RELEVANCE));
    PLANS.put(
        "listing.newest+category",
        new SearchQuery(null, 6L, null, null, null, null, SearchSort.NEWEST));
    PLANS.put(
        "listing.views", new SearchQuery(null, null, null, null, null, null, SearchSort.VIEWS));
  }

  /** EXPLAIN of the statements the FULLTEXT adapter (the fallback) runs, on the 1M database. */
  private static void explain(BenchDatabase bench) {
    try (Database db = new Database(new FenzConfig.Database(bench.jdbcUrl(), null, null, 1))) {
      db.withHandle(
          h -> {
            System.out.println("explain, MySQL FULLTEXT fallback (" + bench.name() + "):");
            for (var plan : PLANS.entrySet()) {
              JdbiVideoSearch.Statement sql =
                  JdbiVideoSearch.statement(plan.getValue(), new PageRequest(1, 20));
              printPlan(h, plan.getKey() + ".page", sql.page(), sql.pageParams());
              if (!sql.pageCarriesTotal()) {
                printPlan(h, plan.getKey() + ".count", sql.count(), sql.countParams());
              }
            }
            System.out.println(
                "  sql.text.page: "
                    + JdbiVideoSearch.statement(PLANS.get("text+filters"), new PageRequest(1, 20))
                        .page());
            System.out.println(
                "  sql.listing.page: "
                    + JdbiVideoSearch.statement(
                            PLANS.get("listing.newest+category"), new PageRequest(1, 20))
                        .page());
            System.out.println(
                "  sql.listing.count: "
                    + JdbiVideoSearch.statement(
                            PLANS.get("listing.newest+category"), new PageRequest(1, 20))
                        .count());
            var size =
                h.createQuery(
                        "SELECT ROUND(data_length / 1048576), ROUND(index_length / 1048576) FROM information_schema.tables"
                            + " WHERE table_schema = DATABASE() AND table_name = 'videos'")
                    .mapToMap()
                    .one();
            System.out.println(
                "  videos.data_mb / index_mb (excl. FULLTEXT aux tables): " + size.values());
            System.out.println(
                "  innodb_buffer_pool_mb: "
                    + h.createQuery("SELECT @@innodb_buffer_pool_size / 1048576")
                        .mapTo(Long.class)
                        .one()
                    + "; server "
                    + h.createQuery("SELECT VERSION()").mapTo(String.class).one());
            return null;
          });
    }
  }

  private static void printPlan(
      org.jdbi.v3.core.Handle h, String name, String sql, Map<String, Object> params) {
    var explain = h.createQuery("EXPLAIN " + sql);
    params.forEach(explain::bind);
    System.out.println("  " + name + ":");
    for (Map<String, Object> row : explain.mapToMap().list()) {
      System.out.printf(
          Locale.ROOT,
          "    %-8s %-9s %-10s key=%-24s rows=%-8s %s%n",
          row.get("select_type"),
          row.get("table"),
          row.get("type"),
          row.get("key"),
          row.get("rows"),
          row.get("extra") == null ? "" : row.get("extra"));
    }
  }

  /**
   * Guests never reach the relation checks; a signed-in viewer would cost two indexed lookups per
   * locked card.
   */
  private static final class NoRelations implements ChannelAccess {
    @Override
    public boolean isSubscriber(long userId, long channelId) {
      return false;
    }

    @Override
    public boolean isMember(long userId, long channelId) {
      return false;
    }
  }
}
