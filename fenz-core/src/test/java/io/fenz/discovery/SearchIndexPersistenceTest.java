package io.fenz.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.fenz.content.adapter.JdbiVideoRepository;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.port.VideoRepository;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.adapter.JdbiSearchIndex;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.app.ReindexSearch;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `fenz admin reindex-search`, the FULLTEXT adapter's totals, its share of the pool and its
 * statement time limit, on real MariaDB.
 */
@WithFenzServices
class SearchIndexPersistenceTest {
  private static Database db;
  private static String url;
  private static final List<Long> IDS = new ArrayList<>();
  // a statement limit no search here reaches unless a test holds it on purpose
  private static final Duration NO_LIMIT = Duration.ofMinutes(1);
  private static final FenzConfig.Search FULLTEXT =
      new FenzConfig.Search(false, Duration.ofSeconds(1), 0, 2, NO_LIMIT);

  @BeforeAll
  static void open(TestEnvironment env) {
    url = env.jdbcUrl();
    db = new Database(new FenzConfig.Database(url, null, null, 2));
    db.migrate();
    long channel =
        db.withHandle(
            h -> {
              long user =
                  h.createUpdate(
                          "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
                              + " VALUES ('idx@example.com', 'x', 'Idx', NOW(), NOW())")
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one();
              return h.createUpdate(
                      "INSERT INTO channels (user_id, name, created_at) VALUES (:u, 'Idx', NOW())")
                  .bind("u", user)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
            });
    VideoRepository videos = new JdbiVideoRepository(db);
    Instant now = Instant.now();
    for (int i = 0; i < 25; i++) {
      long id =
          videos.insert(
              new VideoRepository.NewVideo(
                  channel,
                  null,
                  "貓咪影片 第" + i + "集",
                  i % 2 == 0 ? "iPhone 開箱" : "日常",
                  60,
                  AccessTier.PUBLIC,
                  "videos/x/" + i + ".mp4",
                  null,
                  List.of()),
              now);
      new JdbiSearchIndex(db)
          .reindex(id, id + 1); // what discovery's listener does after the video's event
      videos.setPublished(id, true, now.minusSeconds(i), now);
      IDS.add(id);
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void reindexRebuildsStaleOrMissingTokensInBatchesAndIsIdempotent() {
    db.withHandle(
        h ->
            h.createUpdate("UPDATE videos SET search_tokens = '' WHERE id IN (<ids>)")
                .bindList("ids", IDS.subList(0, 10))
                .execute());
    VideoSearch search = new JdbiVideoSearch(db, new JdbiVideoRepository(db), FULLTEXT);
    SearchQuery cats = new SearchQuery("貓咪", null, null, null, null, null, SearchSort.RELEVANCE);
    assertThat(search.search(cats, new PageRequest(1, 5)).total()).isEqualTo(15);

    List<ReindexSearch.Progress> progress = new ArrayList<>();
    ReindexSearch.Report report =
        new ReindexSearch(new JdbiSearchIndex(db)).execute(1, 7, progress::add);
    assertThat(report.seen()).isEqualTo(25);
    assertThat(report.changed()).isEqualTo(10);
    assertThat(progress).hasSize((int) Math.ceil(IDS.getLast() / 7.0));
    assertThat(search.search(cats, new PageRequest(1, 5)).total()).isEqualTo(25);
    String stored =
        db.withHandle(
            h ->
                h.createQuery("SELECT search_tokens FROM videos WHERE id = :id")
                    .bind("id", IDS.getFirst())
                    .mapTo(String.class)
                    .one());
    assertThat(stored).isEqualTo(SearchTokenizer.indexText("貓咪影片 第0集", "iPhone 開箱"));

    assertThat(new ReindexSearch(new JdbiSearchIndex(db)).execute(1, 1000, p -> {}).changed())
        .as("nothing left to do")
        .isZero();
  }

  @Test
  void totalsAreExactWithTextAndPastTheLastPage() {
    VideoSearch search = new JdbiVideoSearch(db, new JdbiVideoRepository(db), FULLTEXT);
    SearchQuery iphone =
        new SearchQuery("iphone 開箱", null, null, null, null, null, SearchSort.RELEVANCE);
    VideoSearch.Results first = search.search(iphone, new PageRequest(1, 5));
    assertThat(first.total()).isEqualTo(13);
    assertThat(first.items()).hasSize(5);
    VideoSearch.Results beyond = search.search(iphone, new PageRequest(10, 5));
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).as("counted separately when the page is empty").isEqualTo(13);
    SearchQuery all = new SearchQuery(null, null, null, null, null, null, SearchSort.NEWEST);
    assertThat(search.search(all, new PageRequest(2, 10)).total()).isEqualTo(25);
    assertThat(search.search(all, new PageRequest(1, 100)).total()).isEqualTo(25);
  }

  @Test
  void textSearchesPastTheirShareOfThePoolAreAnsweredBusyAndTheRestOfThePoolStaysFree()
      throws Exception {
    VideoSearch search =
        new JdbiVideoSearch(
            db,
            new JdbiVideoRepository(db),
            new FenzConfig.Search(false, Duration.ofSeconds(1), 0, 1, NO_LIMIT));
    SearchQuery cats = new SearchQuery("貓咪", null, null, null, null, null, SearchSort.RELEVANCE);
    PageRequest page = new PageRequest(1, 5);
    ExecutorService searches = Executors.newFixedThreadPool(2);
    try (Connection locker = DriverManager.getConnection(url);
        Statement st = locker.createStatement()) {
      // A search that holds its connection (as a multi-second FULLTEXT query does at 1M videos):
      // it waits for the table lock with the share's one turn taken.
      st.execute("LOCK TABLES videos WRITE");
      Future<VideoSearch.Results> slow;
      try {
        slow = searches.submit(() -> search.search(cats, page));
        awaitASearchWaitingForTheLock(st);

        assertAnsweredBusy(
            searches.submit(() -> search.search(cats, page)),
            "answered after the pool's wait, not queued behind the slow one");
        assertThat(db.ping()).as("the pool's other connection stays free for other work").isTrue();
      } finally {
        st.execute("UNLOCK TABLES");
      }
      assertThat(slow.get(60, TimeUnit.SECONDS).total()).isEqualTo(25);
    } finally {
      searches.shutdownNow();
    }
    assertThat(search.search(cats, page).total()).as("the turn was given back").isEqualTo(25);
  }

  @Test
  void aTextSearchPastItsTimeLimitIsAnsweredBusyAndItsConnectionServesTheNextSearch()
      throws Exception {
    SearchQuery cats = new SearchQuery("貓咪", null, null, null, null, null, SearchSort.RELEVANCE);
    PageRequest page = new PageRequest(1, 5);
    // one connection: the search after the stopped one necessarily runs on the same connection
    try (Database onePool = new Database(new FenzConfig.Database(url, null, null, 1))) {
      VideoSearch search =
          new JdbiVideoSearch(
              onePool,
              new JdbiVideoRepository(onePool),
              new FenzConfig.Search(false, Duration.ofSeconds(1), 0, 1, Duration.ofSeconds(1)));
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      onePool.bindMeters(meters);
      long connection = connectionId(onePool);
      ExecutorService searches = Executors.newSingleThreadExecutor();
      try (Connection locker = DriverManager.getConnection(url);
          Statement st = locker.createStatement()) {
        // a FULLTEXT query that cannot finish (as one under load at 1M videos may run for tens of
        // seconds): it waits for the table lock until its limit stops it
        st.execute("LOCK TABLES videos WRITE");
        try {
          assertAnsweredBusy(
              searches.submit(() -> search.search(cats, page)),
              "stopped at its limit, not waiting for the lock");
        } finally {
          st.execute("UNLOCK TABLES");
        }
      } finally {
        searches.shutdownNow();
      }
      assertThat(search.search(cats, page).total())
          .as("the turn was given back and the connection answers")
          .isEqualTo(25);
      // Read once the turn is back: the stopped statement is counted when its work ends, which on
      // a loaded machine may come after its caller stopped waiting.
      assertThat(meters.get("fenz.db.busy").tag("reason", "time").functionCounter().count())
          .isEqualTo(1);
      assertThat(connectionId(onePool))
          .as("the stopped statement's connection stayed in the pool, usable")
          .isEqualTo(connection);
    }
  }

  /** Within 30 s (the test fails instead of hanging when nothing stops the search). */
  private static void assertAnsweredBusy(Future<VideoSearch.Results> search, String why) {
    assertThatThrownBy(() -> search.get(30, TimeUnit.SECONDS))
        .as(why)
        .hasCauseInstanceOf(FenzException.class)
        .cause()
        .satisfies(
            e -> {
              assertThat(((FenzException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(((FenzException) e).code()).isEqualTo("busy");
            });
  }

  private static long connectionId(Database pool) {
    return pool.withHandle(h -> h.createQuery("SELECT CONNECTION_ID()").mapTo(Long.class).one());
  }

  private static void awaitASearchWaitingForTheLock(Statement st) throws Exception {
    for (int polls = 0; polls < 1200; polls++) {
      try (ResultSet rs = st.executeQuery("SHOW PROCESSLIST")) {
        while (rs.next()) {
          String state = rs.getString("State");
          String info = rs.getString("Info");
          if (state != null
              && state.startsWith("Waiting for table")
              && info != null
              && info.contains("MATCH")) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    fail("no search ever waited for the table lock");
  }
}
