package io.fenz.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.adapter.JdbiVideoRepository;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.VideoRepository;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.adapter.JdbiIndexableVideos;
import io.fenz.discovery.adapter.JdbiSearchIndex;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.adapter.lucene.LuceneVideoSearch;
import io.fenz.discovery.app.SearchVideos;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.port.IndexableVideos;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.listing.ListingChanges;
import io.fenz.platform.listing.RedisListingChanges;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index vouching for visibility through the change log, on real MariaDB and Redis:
 * what is announced is applied before the next page, a lost log or an unreachable Redis falls back
 * to the checks.
 */
@WithFenzServices
class ListingChangesTest {
  /** The loop never runs during a test: only what the test triggers changes the index. */
  private static final FenzConfig.Search NO_LOOP =
      new FenzConfig.Search(true, Duration.ofHours(1), 100, 2, Duration.ofSeconds(2));

  private static Database db;
  private static RedisStore redis;
  private static RedisStore unreachable;
  private static VideoRepository videos;
  private static long channel;
  private LuceneVideoSearch index;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = TestConfigs.migratedDatabase(env, 4);
    redis = TestConfigs.redis(env, 4);
    // Nothing listens on port 1: every command fails at once.
    unreachable =
        new RedisStore(
            new FenzConfig.Redis(URI.create("redis://127.0.0.1:1"), env.redisKeyPrefix(), 4));
    videos = new JdbiVideoRepository(db);
    long user =
        Sql.insert(
            env,
            "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
                + " VALUES ('log@example.com', 'x', 'Log', NOW(), NOW())");
    channel =
        Sql.insert(
            env,
            "INSERT INTO channels (user_id, name, created_at) VALUES (" + user + ", 'Log', NOW())");
  }

  @AfterAll
  static void close() {
    unreachable.close();
    redis.close();
    db.close();
  }

  @AfterEach
  void stop() {
    if (index != null) {
      index.stop();
    }
  }

  @Test
  void anAnnouncedDeletionIsAppliedBeforeTheNextPageAndPagesAreVouchedFor() {
    long id = published("陶藝入門");
    index = started(redis);
    VideoSearch.Results before = index.search(text("陶藝"), new PageRequest(1, 10));
    assertThat(before.listedNow()).as("nothing announced since the build").isTrue();
    assertThat(ids(before)).containsExactly(id);

    // What DeleteVideo does in another process: the row goes, then the hook announces it.
    db.withHandle(
        h -> h.createUpdate("DELETE FROM videos WHERE id = :id").bind("id", id).execute());
    new RedisListingChanges(redis).videosChanged(List.of(id));
    VideoSearch.Results after = index.search(text("陶藝"), new PageRequest(1, 10));
    assertThat(after.listedNow()).isTrue();
    assertThat(after.items()).as("no catch-up ran: the search followed the log").isEmpty();
    assertThat(after.total()).isZero();
  }

  @Test
  void anAnnouncedPublishIsOnThePageEvenWhileACatchUpHoldsTheIndex() throws Exception {
    HeldCatchUp held = new HeldCatchUp();
    index = started(redis, held.rows);
    long id = published("漆器修復"); // after the build: only the announcement tells the index
    new RedisListingChanges(redis).videosChanged(List.of(id));

    VideoSearch.Results page = held.during(() -> index.search(text("漆器"), new PageRequest(1, 10)));

    assertThat(ids(page))
        .as("a page never misses what was announced before it, however long a catch-up takes")
        .containsExactly(id);
    assertThat(page.listedNow()).isTrue();
  }

  @Test
  void everyPageOfOneQueryAgreesOnTheTotalWhileOtherVideosChange() throws Exception {
    HeldCatchUp held = new HeldCatchUp();
    List<Long> matching = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      matching.add(published("刺繡作品 " + i));
    }
    index = started(redis, held.rows);
    // Another process unpublishes the sixth newest (page 2 of 4 a page) and announces it.
    long unpublished = matching.get(10);
    db.withHandle(
        h ->
            h.createUpdate("UPDATE videos SET is_published = FALSE WHERE id = :id")
                .bind("id", unpublished)
                .execute());
    new RedisListingChanges(redis).videosChanged(List.of(unpublished));
    SearchVideos search =
        new SearchVideos(index, videos, (video, viewer) -> true, Clock.systemUTC());
    SearchVideos.Command command =
        new SearchVideos.Command("刺繡", null, null, null, null, null, null);
    Viewer guest = new Viewer(null, null);

    List<Page<SearchVideos.Hit>> pages = new ArrayList<>();
    pages.add(held.during(() -> search.execute(command, guest, new PageRequest(1, 4)).page()));
    for (int p = 2; p <= 4; p++) {
      // Meanwhile other videos are created, viewed and unpublished, and the index catches up.
      long other = published("無關影片 " + p);
      db.withHandle(
          h ->
              h.createUpdate(
                          "UPDATE videos SET views_non_member = views_non_member + 1 WHERE id = :id")
                      .bind("id", matching.getFirst())
                      .execute()
                  + h.createUpdate("UPDATE videos SET is_published = FALSE WHERE id = :id")
                      .bind("id", other)
                      .execute());
      index.catchUp();
      pages.add(search.execute(command, guest, new PageRequest(p, 4)).page());
    }

    List<Long> shown =
        pages.stream().flatMap(p -> p.items().stream()).map(h -> h.video().id()).toList();
    List<Long> listed = new ArrayList<>(matching);
    listed.remove(unpublished);
    assertThat(shown).as("each listed match once").containsExactlyInAnyOrderElementsOf(listed);
    assertThat(pages)
        .extracting(Page::total)
        .as("every page counts what the pages hold")
        .containsOnly((long) shown.size());
  }

  @Test
  void aLostLogMakesTheIndexCheckEveryRowBeforeVouchingAgain() {
    long id = published("木雕工作室");
    new RedisListingChanges(redis).ownerChanged(0);
    index = started(redis); // follows from that entry, which is about to be lost
    db.withHandle(
        h ->
            h.createUpdate("DELETE FROM videos WHERE id = :id")
                .bind("id", id)
                .execute()); // never announced
    redis.client().del(redis.key("search:changes")); // as a Redis restart without persistence

    VideoSearch.Results after = index.search(text("木雕"), new PageRequest(1, 10));
    assertThat(after.listedNow()).isTrue();
    assertThat(after.items())
        .as("the position is gone, so every indexed row was checked")
        .isEmpty();
  }

  @Test
  void anUnreachableLogLeavesEveryPageToTheCallersCheck() {
    long id = published("竹編燈籠");
    index = started(unreachable);
    VideoSearch.Results found = index.search(text("竹編"), new PageRequest(1, 10));
    assertThat(ids(found)).containsExactly(id);
    assertThat(found.listedNow()).as("the caller asks MySQL which are listed").isFalse();
    assertThat(videos.listedAmong(ids(found))).containsExactly(id);
  }

  @Test
  void theLogReportsWhatChangedAfterAPositionAndWhenThatPositionIsGone() {
    ListingChanges log = new RedisListingChanges(redis);
    redis.client().del(redis.key("search:changes"));
    assertThat(log.latest()).isEqualTo(ListingChanges.START);
    log.videosChanged(List.of(7L, 8L));
    String position = log.latest();
    log.videosChanged(List.of(9L));
    log.ownerChanged(3);
    assertThat(log.since(ListingChanges.START))
        .hasValueSatisfying(s -> assertThat(s.videoIds()).containsExactlyInAnyOrder(7L, 8L, 9L));
    assertThat(log.since(position))
        .hasValueSatisfying(
            s -> {
              assertThat(s.videoIds()).containsExactly(9L);
              assertThat(s.owners()).isTrue();
              assertThat(s.latest()).isEqualTo(log.latest());
            });
    assertThat(log.since(log.latest()).orElseThrow().videoIds()).isEmpty();
    redis.client().del(redis.key("search:changes"));
    assertThat(log.since(position)).as("lost with the stream").isEmpty();
  }

  /**
   * Rows whose next catch-up, once armed by {@link #during}, stops at its first read (the database
   * time, taken with the write lock held) until the search has met the lock: a catch-up as slow as
   * a loaded machine makes it, for as long as the test needs.
   */
  private final class HeldCatchUp {
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch inCatchUp = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final JdbiIndexableVideos real = new JdbiIndexableVideos(db);
    final IndexableVideos rows =
        (IndexableVideos)
            Proxy.newProxyInstance(
                IndexableVideos.class.getClassLoader(),
                new Class<?>[] {IndexableVideos.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("now") && armed.getAndSet(false)) {
                    inCatchUp.countDown();
                    release.await();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    /** What {@code search} answers while a catch-up holds the index. */
    <T> T during(Supplier<T> search) throws InterruptedException {
      armed.set(true);
      Thread catchUp = Thread.ofPlatform().start(() -> index.catchUp());
      inCatchUp.await();
      AtomicReference<T> answer = new AtomicReference<>();
      Thread searching = Thread.ofPlatform().start(() -> answer.set(search.get()));
      // The catch-up goes on once the search waits for the write lock (parked without a deadline
      // on the lock's queue; Redis and JDBC waits have one) or has answered without it.
      while (searching.isAlive()
          && !(searching.getState() == Thread.State.WAITING
              && LockSupport.getBlocker(searching) instanceof AbstractQueuedSynchronizer)) {
        Thread.sleep(1);
      }
      release.countDown();
      catchUp.join();
      searching.join();
      return answer.get();
    }
  }

  private static LuceneVideoSearch started(RedisStore store) {
    return started(store, new JdbiIndexableVideos(db));
  }

  private static LuceneVideoSearch started(RedisStore store, IndexableVideos rows) {
    LuceneVideoSearch search =
        new LuceneVideoSearch(
            rows,
            videos,
            new JdbiVideoSearch(db, videos, NO_LOOP),
            NO_LOOP,
            new RedisListingChanges(store),
            new SimpleMeterRegistry());
    search.start();
    return search;
  }

  private static long published(String title) {
    Instant now = Instant.now();
    long id =
        videos.insert(
            new VideoRepository.NewVideo(
                channel,
                null,
                title,
                "",
                60,
                AccessTier.PUBLIC,
                "videos/x/" + title + ".mp4",
                null,
                List.of()),
            now);
    new JdbiSearchIndex(db)
        .reindex(id, id + 1); // what discovery's listener does after the video's event
    videos.setPublished(id, true, now, now);
    return id;
  }

  private static SearchQuery text(String q) {
    return new SearchQuery(q, null, null, null, null, null, SearchSort.RELEVANCE);
  }

  private static List<Long> ids(VideoSearch.Results results) {
    return results.items().stream().map(Video::id).toList();
  }
}
