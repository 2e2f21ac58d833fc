package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.redis.TagPicks;
import io.fenz.testing.RedisProcess;
import io.fenz.testing.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * The in-process copies on a private redis-server (its command counts are this test's alone): draws
 * make no round trip once copied, yet see every other client's write, delete and expiry.
 */
class TrackedFeedCacheTest {
  private static final Duration PUSH_WAIT = Duration.ofSeconds(10);
  private RedisProcess server;
  private RedisStore store;

  /** Another process's view of the same Redis: writes that only Redis' invalidations can report. */
  private RedisFeedCache otherProcess;

  private TrackedFeedCache cache;

  /** Server commands (stats, kills) on a connection of its own. */
  private Jedis admin;

  private final String session = UUID.randomUUID().toString();
  private final Viewer guest = new Viewer(null, session);

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Sql.onPath("redis-server"), "redis-server is not installed");
    server = RedisProcess.start();
    admin = new Jedis(URI.create(server.url()));
    store = new RedisStore(new FenzConfig.Redis(URI.create(server.url()), "t:", 8));
    otherProcess = new RedisFeedCache(store);
    cache = newNode();
    otherProcess.put(List.of(card(1, "第一支", 7), card(2, "第二支", 7), card(3, "第三支", 8)));
    pick("7");
    cache.drawForViewer(guest, 20); // starts tracking
    await("tracking is live", cache::copying);
  }

  @AfterEach
  void stop() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void copiedDrawsMakeNoRoundTrip() {
    FeedCache.TagDraw first = cache.drawForViewer(guest, 20).orElseThrow();
    assertThat(first.chosenTagIds()).containsExactly(7L);
    assertThat(first.ids()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(first.cards().get(1L).title()).isEqualTo("第一支");
    admin.configResetStat();
    for (int i = 0; i < 50; i++) {
      FeedCache.TagDraw draw = cache.drawForViewer(guest, 20).orElseThrow();
      assertThat(draw.cards()).containsOnlyKeys(1L, 2L);
    }
    assertThat(commandsCalled())
        .as("only the heartbeat and this test's own commands")
        .isSubsetOf("ping", "info", "config|resetstat");
  }

  @Test
  void everyChangeByAnotherClientReachesTheCopies() {
    cache.drawForViewer(guest, 20).orElseThrow();
    otherProcess.put(List.of(card(1, "改過的標題", 7)));
    await(
        "an edited card",
        () -> "改過的標題".equals(cache.drawForViewer(guest, 20).orElseThrow().cards().get(1L).title()));
    otherProcess.evictVideo(2, List.of(7L));
    await(
        "an evicted video",
        () -> cache.drawForViewer(guest, 20).orElseThrow().ids().equals(List.of(1L)));
    pick("8");
    await(
        "new tag picks",
        () -> cache.drawForViewer(guest, 20).orElseThrow().ids().equals(List.of(3L)));
    store.client().expire(store.key(RedisFeedCache.CARD_KEY + 3), 1);
    await("an expired card", () -> cache.drawForViewer(guest, 20).orElseThrow().cards().isEmpty());
    store.client().del(store.key(TagPicks.sessionKey(session)));
    await("picks gone from Redis", () -> cache.drawForViewer(guest, 20).isEmpty());
  }

  @Test
  void aLostTrackingConnectionDropsTheCopiesUntilItIsBack() {
    cache.drawForViewer(guest, 20).orElseThrow();
    admin.clientKill(ClientKillParams.clientKillParams().type(ClientType.PUBSUB));
    await("tracking noticed the loss", () -> !cache.copying());
    await("tracking is back", cache::copying);
    admin.configResetStat();
    cache.drawForViewer(guest, 20).orElseThrow();
    assertThat(commandsCalled())
        .as("the copies were dropped, so Redis is read again")
        .contains("get", "eval", "mget");
  }

  @Test
  void tagSetsTooLargeToCopyAreDrawnInRedis() {
    String[] many =
        LongStream.rangeClosed(100, 100 + TrackedFeedCache.MAX_COPIED_TAG_SET)
            .mapToObj(Long::toString)
            .toArray(String[]::new);
    store.client().sadd(store.key(RedisFeedCache.TAG_KEY + 9), many);
    assertThat(cache.randomFromTags(List.of(9L), 20)).hasSize(20).doesNotHaveDuplicates();
    admin.configResetStat();
    assertThat(cache.randomFromTags(List.of(9L), 20)).hasSize(20);
    assertThat(commandsCalled()).as("the draw script ran in Redis").contains("eval");
  }

  @Test
  void cardsCopiedByTheWarmUpNeedNoRoundTripAndAnotherProcessesLaterWriteStillWins() {
    // A node warms first thing at start: its tracking is not up yet when the warm-up begins.
    TrackedFeedCache starting = newNode();
    FeedCache.WarmCopies copies = starting.warmCopies(List.of(7L, 8L));
    warmUpWrites(copies, card(10, "暖身", 7), card(11, "暖身二", 7));
    copies.keep();
    admin.configResetStat();
    assertThat(starting.cards(List.of(10L, 11L))).containsOnlyKeys(10L, 11L);
    assertThat(commandsCalled()).as("no card read from Redis").doesNotContain("mget");
    otherProcess.put(List.of(card(10, "之後改的", 7)));
    await("the later write", () -> "之後改的".equals(starting.cards(List.of(10L)).get(10L).title()));
  }

  @Test
  void aRefreshOfWhatRedisHoldsWritesNothingSoEveryCopyStays() {
    cache.drawForViewer(guest, 20).orElseThrow(); // copies cards 1 and 2 and tag 7
    admin.configResetStat();
    otherProcess.refresh(List.of(card(1, "第一支", 7), card(2, "第二支", 7), card(3, "第三支", 8)));
    assertThat(commandsCalled()).as("read and compared only").doesNotContain("set", "expire");
    admin.configResetStat();
    for (int i = 0; i < 20; i++) {
      assertThat(cache.drawForViewer(guest, 20).orElseThrow().cards()).containsOnlyKeys(1L, 2L);
    }
    assertThat(commandsCalled())
        .as("the copies were kept")
        .isSubsetOf("ping", "info", "config|resetstat");
  }

  @Test
  void aRefreshWritesWhatChangedAndWhatIsNearItsEnd() {
    cache.drawForViewer(guest, 20).orElseThrow();
    String cardTwo = store.key(RedisFeedCache.CARD_KEY + 2);
    long soon = Instant.now().plus(RedisFeedCache.RENEW_BELOW).getEpochSecond() - 60;
    store
        .client()
        .set(
            cardTwo.getBytes(StandardCharsets.UTF_8),
            CardValue.encode(card(2, "第二支", 7), CardValue.token(soon)));
    String tagSeven = store.key(RedisFeedCache.TAG_KEY + 7);
    String tagEight = store.key(RedisFeedCache.TAG_KEY + 8);
    long lasting = RedisFeedCache.RENEW_BELOW.toSeconds() + 600;
    store.client().expire(tagSeven, 60);
    store.client().expire(tagEight, lasting);
    otherProcess.refresh(List.of(card(1, "新標題", 7), card(2, "第二支", 7), card(3, "第三支", 8)));
    assertThat(store.client().ttl(tagSeven))
        .as("the tag set near its end lives again")
        .isGreaterThan(RedisFeedCache.RENEW_BELOW.toSeconds());
    assertThat(store.client().ttl(tagEight))
        .as("the other is left alone")
        .isLessThanOrEqualTo(lasting);
    await(
        "the changed card",
        () -> "新標題".equals(cache.drawForViewer(guest, 20).orElseThrow().cards().get(1L).title()));
    assertThat(store.client().ttl(cardTwo))
        .as("the card near its end lives again")
        .isGreaterThan(RedisFeedCache.RENEW_BELOW.toSeconds());
    assertThat(CardValue.expiresAt(store.client().get(cardTwo.getBytes(StandardCharsets.UTF_8))))
        .isGreaterThan(soon);
  }

  @Test
  void aNodeStartingOnAWarmRedisWritesNothingAndCopiesWhatRedisHolds() {
    cache.drawForViewer(guest, 20).orElseThrow();
    TrackedFeedCache starting = newNode();
    admin.configResetStat();
    FeedCache.WarmCopies copies = starting.warmCopies(List.of(7L, 8L));
    warmUpWrites(copies, card(1, "第一支", 7), card(2, "第二支", 7), card(3, "第三支", 8));
    copies.keep();
    assertThat(commandsCalled()).as("nothing written").doesNotContain("set", "expire");
    admin.configResetStat();
    assertThat(starting.cards(List.of(1L, 2L, 3L))).containsOnlyKeys(1L, 2L, 3L);
    assertThat(cache.drawForViewer(guest, 20).orElseThrow().cards()).containsOnlyKeys(1L, 2L);
    assertThat(commandsCalled())
        .as("the starting node copied every card; the serving one kept its copies")
        .isSubsetOf("ping", "info", "config|resetstat");
  }

  @Test
  void aWarmUpWhoseFirstBatchRedisDidNotHoldWritesTheRestUnread() {
    TrackedFeedCache starting = newNode();
    FeedCache.WarmCopies copies = starting.warmCopies(List.of(7L, 8L));
    admin.configResetStat();
    warmUpWrites(copies, card(10, "暖身", 7));
    assertThat(commandsCalled()).as("the first batch is compared").contains("mget", "set");
    admin.configResetStat();
    warmUpWrites(copies, card(1, "第一支", 7));
    assertThat(commandsCalled())
        .as("Redis held none of the first batch: an empty Redis, not read again")
        .contains("set")
        .doesNotContain("mget");
    copies.keep();
    assertThat(starting.cards(List.of(1L, 10L))).containsOnlyKeys(1L, 10L);
  }

  @Test
  void aWarmingNodeNeitherTracksNorCopiesUntilItKeepsTheWarmUpsCards() {
    // `cache` tracks already (a draw came first): its warm-up stops that, so Redis does not report
    // the warm-up's own writes back to it.
    try (FeedCache.WarmCopies copies = cache.warmCopies(List.of(7L))) {
      assertThat(cache.copying()).as("no copies while warming").isFalse();
      await("the tracking connection closed", () -> trackingConnections() == 0);
      warmUpWrites(copies, card(10, "暖身", 7));
      admin.configResetStat();
      assertThat(cache.drawForViewer(guest, 20).orElseThrow().ids()).contains(1L, 2L, 10L);
      assertThat(commandsCalled()).as("the draw ran in Redis").contains("eval");
      assertThat(trackingConnections()).as("draws while warming start no tracking").isZero();
      copies.keep();
      assertThat(cache.copying()).isTrue();
      admin.configResetStat();
      assertThat(cache.cards(List.of(10L))).containsOnlyKeys(10L);
      assertThat(commandsCalled()).as("the warm-up's card was copied").doesNotContain("mget");
    }
  }

  @Test
  void aWarmUpThatFailsBeforeKeepingStillEndsWarming() {
    FeedCache.WarmCopies failing = cache.warmCopies(List.of(7L));
    assertThat(cache.copying()).isFalse();
    failing.close(); // as WarmFeedCache does when a batch fails for good
    await("tracking is live again", cache::copying);
  }

  @Test
  void cardsAnotherProcessChangedAfterTheWarmUpWroteThemAreNotCopiedFromTheBatch() {
    TrackedFeedCache starting = newNode();
    FeedCache.WarmCopies copies =
        warmedUp(starting, card(10, "暖身", 7), card(11, "暖身二", 7), card(12, "暖身三", 7));
    // Between the warm-up's write and its copies: reported before the copies are reserved.
    otherProcess.put(List.of(card(10, "別人寫的", 7)));
    otherProcess.evictVideo(11, List.of(7L));
    copies.keep();
    assertThat(starting.cards(List.of(10L, 11L, 12L)))
        .containsOnlyKeys(10L, 12L)
        .hasEntrySatisfying(10L, card -> assertThat(card.title()).isEqualTo("別人寫的"));
    admin.configResetStat();
    assertThat(starting.cards(List.of(12L))).containsOnlyKeys(12L);
    assertThat(commandsCalled()).as("the untouched card was copied").doesNotContain("mget");
  }

  @Test
  void aWarmUpNoOtherWriteOverlappedCopiesItsCardsWithoutReadingThemBack() {
    TrackedFeedCache starting = newNode();
    FeedCache.WarmCopies copies = warmedUp(starting, card(10, "暖身", 7), card(11, "暖身二", 7));
    admin.configResetStat();
    copies.keep();
    assertThat(commandsCalled()).as("no card read back").doesNotContain("mget");
    admin.configResetStat();
    assertThat(starting.cards(List.of(10L, 11L))).containsOnlyKeys(10L, 11L);
    assertThat(commandsCalled()).as("both copied").doesNotContain("mget");
  }

  @Test
  void aWarmUpBegunWhileRedisIsDownChecksItsCopiesOnceRedisIsBack() throws Exception {
    TrackedFeedCache starting = newNode();
    server.kill();
    FeedCache.WarmCopies copies = starting.warmCopies(List.of(7L));
    server.restart();
    admin.close();
    admin = new Jedis(URI.create(server.url()));
    warmUpWrites(copies, card(10, "暖身", 7));
    admin.configResetStat();
    copies.keep();
    assertThat(commandsCalled()).as("the copies were checked").contains("mget");
    assertThat(starting.cards(List.of(10L))).containsOnlyKeys(10L);
  }

  @Test
  void aCardEvictedWhileTheWarmUpRanIsNotCopied() {
    TrackedFeedCache starting = newNode();
    FeedCache.WarmCopies copies = warmedUp(starting, card(10, "暖身", 7), card(11, "暖身二", 7));
    otherProcess.evictVideo(11, List.of(7L)); // before tracking starts: never reported
    copies.keep();
    assertThat(starting.cards(List.of(10L, 11L))).containsOnlyKeys(10L);
  }

  @Test
  void tagsTheWarmUpWroteNoCardToAreKnownEmptyUnlessAPublishReachedThemMeanwhile() {
    FeedCache.WarmCopies copies = cache.warmCopies(List.of(5L, 6L, 7L));
    warmUpWrites(copies, card(12, "暖身", 7));
    otherProcess.put(List.of(card(4, "新片", 6))); // published while the warm-up reads MySQL
    copies.keep();
    AtomicInteger queries = new AtomicInteger();
    Supplier<List<FeedCard>> noVideo =
        () -> {
          queries.incrementAndGet();
          return List.of();
        };
    assertThat(cache.fromDatabase(List.of(5L), noVideo)).isEmpty();
    assertThat(queries).as("tag 5 is known empty without asking MySQL").hasValue(0);
    cache.fromDatabase(List.of(6L), noVideo);
    assertThat(queries).as("the publish to tag 6 dropped its mark").hasValue(1);
    cache.fromDatabase(List.of(7L), noVideo);
    assertThat(queries).as("tag 7 got a card").hasValue(2);
  }

  @Test
  void anEmptyAnswerFromMySqlIsRememberedUntilAnotherProcessPublishesToTheTag() {
    AtomicInteger queries = new AtomicInteger();
    Supplier<List<FeedCard>> noVideo =
        () -> {
          queries.incrementAndGet();
          return List.of();
        };
    assertThat(cache.fromDatabase(List.of(5L, 6L), noVideo)).isEmpty();
    assertThat(cache.fromDatabase(List.of(6L, 5L), noVideo)).isEmpty();
    assertThat(cache.fromDatabase(List.of(5L), noVideo)).isEmpty();
    assertThat(queries).as("asked once, then remembered for each tag").hasValue(1);
    assertThat(cache.fromDatabase(List.of(5L, 9L), noVideo)).isEmpty();
    assertThat(queries).as("a tag not known empty is asked about").hasValue(2);

    otherProcess.put(List.of(card(4, "新片", 5)));
    FeedCard published = card(4, "新片", 5);
    await(
        "the publish reached the remembered answer",
        () -> cache.fromDatabase(List.of(5L), () -> List.of(published)).size() == 1);
    assertThat(cache.fromDatabase(List.of(6L), noVideo)).isEmpty();
    assertThat(queries).as("the other tag is still known empty").hasValue(2);
  }

  @Test
  void anEmptyAnswerRacingAPublishIsNotKept() {
    AtomicInteger queries = new AtomicInteger();
    assertThat(cache.randomFromTags(List.of(5L), 20)).as("an empty set, copied").isEmpty();
    // MySQL answered "none" just before the publish committed; the publish's write reaches Redis
    // while we still hold that answer.
    assertThat(
            cache.fromDatabase(
                List.of(5L),
                () -> {
                  queries.incrementAndGet();
                  otherProcess.put(List.of(card(4, "新片", 5)));
                  await(
                      "the publish's invalidation",
                      () -> cache.randomFromTags(List.of(5L), 20).equals(List.of(4L)));
                  return List.of();
                }))
        .isEmpty();
    cache.fromDatabase(
        List.of(5L),
        () -> {
          queries.incrementAndGet();
          return List.of();
        });
    assertThat(queries).as("the stale empty answer was not kept").hasValue(2);
  }

  @Test
  void withoutTrackingEveryCallGoesToRedis() {
    TrackedFeedCache off = node(0);
    admin.configResetStat();
    assertThat(off.drawForViewer(guest, 20).orElseThrow().ids()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(commandsCalled()).contains("eval");
    assertThat(off.copying()).isFalse();
  }

  @Test
  void writtenCardsAndTagSetsReadBackWholeAndExpireAcrossSaddChunks() {
    List<FeedCard> written =
        LongStream.rangeClosed(100, 100 + Math.max(RedisFeedCache.CARDS_PER_READ, 8_000))
            .mapToObj(
                id ->
                    new FeedCard(
                        id,
                        "影片 " + id,
                        id % 7,
                        "頻道 " + id,
                        id % 2 == 0,
                        (int) id % 600,
                        id * 3,
                        Instant.ofEpochMilli(1_790_000_000_000L + id),
                        new long[] {
                          id % 5,
                          40 + id % 3,
                          1_000L + id % (RedisFeedCache.IDS_PER_SADD + 1),
                          9_999L
                        }))
            .toList();
    otherProcess.put(written);
    List<Long> ids = written.stream().map(FeedCard::videoId).toList();
    assertThat(otherProcess.cards(ids).values()).containsExactlyElementsOf(written);
    for (long id : List.of(ids.getFirst(), ids.getLast())) {
      assertThat(store.client().ttl(store.key(RedisFeedCache.CARD_KEY + id)))
          .as("card %d expires", id)
          .isBetween(RedisFeedCache.CARD_TTL.toSeconds() / 2, RedisFeedCache.CARD_TTL.toSeconds());
    }
    for (long tagId : List.of(41L, 1_000L + RedisFeedCache.IDS_PER_SADD, 9_999L)) {
      assertThat(store.client().ttl(store.key(RedisFeedCache.TAG_KEY + tagId)))
          .as("tag %d expires", tagId)
          .isBetween(RedisFeedCache.CARD_TTL.toSeconds() / 2, RedisFeedCache.CARD_TTL.toSeconds());
    }
    assertThat(store.client().scard(store.key(RedisFeedCache.TAG_KEY + 9_999)))
        .as("every card in the tag all share")
        .isEqualTo(written.size());
  }

  /** A node of its own on the test's Redis, copying up to 1,000 of each kind. */
  private TrackedFeedCache newNode() {
    return node(1000);
  }

  private TrackedFeedCache node(int localCopies) {
    return new TrackedFeedCache(
        new RedisFeedCache(store),
        store,
        new FenzConfig.Feed(localCopies),
        new SimpleMeterRegistry());
  }

  /** {@code node}'s warm-up of tag 7, having written {@code batch}. */
  private static FeedCache.WarmCopies warmedUp(TrackedFeedCache node, FeedCard... batch) {
    FeedCache.WarmCopies copies = node.warmCopies(List.of(7L));
    warmUpWrites(copies, batch);
    return copies;
  }

  /** What the warm-up does with each batch. */
  private static void warmUpWrites(FeedCache.WarmCopies copies, FeedCard... batch) {
    copies.put(List.of(batch));
  }

  private void pick(String tagIds) {
    store.client().set(store.key(TagPicks.sessionKey(session)), tagIds);
  }

  private long trackingConnections() {
    return admin.clientList(ClientType.PUBSUB).lines().count();
  }

  private Set<String> commandsCalled() {
    return admin
        .info("commandstats")
        .lines()
        .filter(line -> line.startsWith("cmdstat_"))
        .map(line -> line.substring("cmdstat_".length(), line.indexOf(':')))
        .collect(Collectors.toSet());
  }

  private static FeedCard card(long id, String title, long tagId) {
    return new FeedCard(
        id,
        title,
        1,
        "頻道",
        false,
        60,
        0,
        Instant.parse("2026-11-01T00:00:00Z"),
        new long[] {tagId});
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PUSH_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
