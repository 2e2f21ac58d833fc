package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.FakePaddle;
import io.fenz.testing.MutableClock;
import io.fenz.testing.PaddleFixtures;
import io.fenz.testing.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memberships, tips and the Paddle webhook over HTTP, with an in-test Paddle API and independently
 * signed events.
 */
@WithFenzServices
class PaymentsApiTest {
  private static final String SECRET = "pdl_ntfset_01test_secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MutableClock CLOCK =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static FakePaddle paddle;
  private static TestApp app;
  private static ApiClient api;
  private static TestEnvironment env;

  /** A creator offering memberships at NT$150 with a published tier-2 video, and a fan. */
  private record Party(
      long creatorId,
      String creatorToken,
      long channelId,
      long videoId,
      long fanId,
      String fanToken) {}

  @BeforeAll
  static void start(TestEnvironment environment) throws Exception {
    env = environment;
    paddle = new FakePaddle();
    app =
        TestApp.start(
            env,
            Map.of(
                "PADDLE_API_KEY",
                "pdl_sdbx_apikey_test",
                "PADDLE_WEBHOOK_SECRET",
                SECRET,
                "FENZ_PADDLE_API_URL",
                paddle.url(),
                "PADDLE_CLIENT_TOKEN",
                "test_client_token",
                "FENZ_ACCESS_TOKEN_TTL",
                "400d"),
            CLOCK);
    api = app.api;
  }

  @AfterAll
  static void stop() {
    app.close();
    paddle.close();
  }

  private static Party party() {
    int n = SEQ.incrementAndGet();
    JsonNode creator = api.register("creator" + n + "@example.com", "password-123", "Creator " + n);
    String creatorToken = creator.path("accessToken").asText();
    long channelId = creator.path("user").path("channelId").asLong();
    assertThat(
            api.put(
                    "/api/v1/dashboard/membership-settings",
                    Map.of("price", 15_000, "currency", "TWD"),
                    creatorToken)
                .status())
        .isEqualTo(200);
    long videoId =
        api.createVideo(creatorToken, Map.of("title", "會員限定 " + n, "accessTier", 2), true);
    JsonNode fan = api.register("fan" + n + "@example.com", "password-123", "Fan " + n);
    return new Party(
        creator.path("user").path("id").asLong(),
        creatorToken,
        channelId,
        videoId,
        fan.path("user").path("id").asLong(),
        fan.path("accessToken").asText());
  }

  private static ApiClient.Response deliver(String body) {
    return deliverSigned(body, PaddleFixtures.signature(SECRET, CLOCK.instant(), body));
  }

  private static ApiClient.Response deliverSigned(String body, String signature) {
    Map<String, String> headers =
        signature == null ? Map.of() : Map.of("Paddle-Signature", signature);
    return api.send("POST", "/api/v1/webhooks/paddle", body, null, headers);
  }

  private static String subscriptionEvent(
      String eventId,
      String type,
      Instant at,
      Party p,
      String sub,
      String status,
      Instant periodEnd,
      Instant cancelAt) {
    return PaddleFixtures.event(
        eventId,
        type,
        at,
        PaddleFixtures.subscription(
            sub, status, p.fanId(), p.channelId(), periodEnd, cancelAt, at));
  }

  private static String tipCompleted(
      String eventId, Instant at, String txn, long total, String currency, Party p) {
    return PaddleFixtures.event(
        eventId,
        "transaction.completed",
        at,
        PaddleFixtures.transaction(
            txn,
            "completed",
            total,
            currency,
            PaddleFixtures.donationData(p.fanId(), p.channelId(), p.videoId()),
            at));
  }

  private static JsonNode startTip(Party p, long amount) {
    ApiClient.Response r =
        api.post(
            "/api/v1/videos/" + p.videoId() + "/donations",
            Map.of("amount", amount, "currency", "TWD", "message", "加油！"),
            p.fanToken());
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json();
  }

  private static String donationStatus(long id) {
    return Sql.text(
        env, "SELECT CONCAT(status, ' ', amount, ' ', currency) FROM donations WHERE id = " + id);
  }

  private static String outcome(ApiClient.Response r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    return r.json().path("outcome").asText();
  }

  @Test
  void onlyAValidSignatureOverTheExactBodyWithinToleranceIsAccepted() {
    String body =
        PaddleFixtures.event(
            "evt_sig" + SEQ.incrementAndGet(),
            "customer.created",
            CLOCK.instant(),
            "{\"id\":\"ctm_1\"}");
    Instant now = CLOCK.instant();
    String valid = PaddleFixtures.hmacHex(SECRET, now.getEpochSecond(), body);
    String wrongSecret = PaddleFixtures.hmacHex("pdl_ntfset_other", now.getEpochSecond(), body);

    assertThat(deliverSigned(body, "ts=" + now.getEpochSecond() + ";h1=" + wrongSecret).code())
        .isEqualTo("invalid_signature");
    assertThat(deliverSigned(body + " ", "ts=" + now.getEpochSecond() + ";h1=" + valid).code())
        .as("tampered body")
        .isEqualTo("invalid_signature");
    Instant stale = now.minusSeconds(6);
    assertThat(deliverSigned(body, PaddleFixtures.signature(SECRET, stale, body)).code())
        .as("stale ts")
        .isEqualTo("invalid_signature");
    ApiClient.Response missing = deliverSigned(body, null);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.code()).isEqualTo("invalid_signature");
    assertThat(
            outcome(
                deliverSigned(
                    body, "ts=" + now.getEpochSecond() + ";h1=" + wrongSecret + ";h1=" + valid)))
        .as(
            "two h1 during rotation, the second valid; an unknown event type is acknowledged and ignored")
        .isEqualTo("ignored");
  }

  @Test
  void aRedeliveredEventChangesNothingTwiceEvenConcurrently() throws Exception {
    Party p = party();
    JsonNode tip = startTip(p, 5_000);
    String event =
        tipCompleted(
            "evt_dup" + SEQ.incrementAndGet(),
            CLOCK.instant(),
            tip.path("transactionId").asText(),
            5_000,
            "TWD",
            p);

    assertThat(outcome(deliver(event))).isEqualTo("applied");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> again = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      again.add(pool.submit((Callable<String>) () -> outcome(deliver(event))));
    }
    for (Future<String> f : again) {
      assertThat(f.get()).isEqualTo("duplicate");
    }
    pool.shutdown();

    assertThat(donationStatus(tip.path("donationId").asLong())).isEqualTo("paid 5000 TWD");
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.donation_paid' AND JSON_VALUE(payload, '$.donationId') = "
                    + tip.path("donationId").asLong()))
        .isEqualTo(1);
  }

  @Test
  void aTipIsPaidWithWhatPaddleChargedAndATamperedAmountIsRefused() throws Exception {
    Party p = party();
    JsonNode tip = startTip(p, 5_000);
    String txn = tip.path("transactionId").asText();
    long id = tip.path("donationId").asLong();
    JsonNode sentToPaddle = JSON.readTree(paddle.requests.getLast().body());
    assertThat(sentToPaddle.path("custom_data").path("kind").asText()).isEqualTo("donation");
    assertThat(donationStatus(id)).isEqualTo("pending 5000 TWD");

    String charged =
        tipCompleted("evt_amt" + SEQ.incrementAndGet(), CLOCK.instant(), txn, 3_000, "TWD", p);
    String inflated = charged.replace("\"total\":\"3000\"", "\"total\":\"9000000\"");
    assertThat(
            deliverSigned(inflated, PaddleFixtures.signature(SECRET, CLOCK.instant(), charged))
                .code())
        .isEqualTo("invalid_signature");
    assertThat(donationStatus(id)).isEqualTo("pending 5000 TWD");

    assertThat(outcome(deliver(charged))).isEqualTo("applied");
    assertThat(donationStatus(id))
        .as("the amount Paddle charged, not the one asked for")
        .isEqualTo("paid 3000 TWD");
    JsonNode outboxed =
        JSON.readTree(
            Sql.text(
                env,
                "SELECT payload FROM outbox WHERE subject = 'fenz.monetization.donation_paid' "
                    + "AND JSON_VALUE(payload, '$.donationId') = "
                    + id));
    assertThat(outboxed.path("amount").asLong()).isEqualTo(3_000);
    assertThat(outboxed.path("fromUserId").asLong()).isEqualTo(p.fanId());
    assertThat(outboxed.path("creatorUserId").asLong()).isEqualTo(p.creatorId());
    assertThat(outboxed.path("channelId").asLong()).isEqualTo(p.channelId());
    assertThat(outboxed.path("videoId").asLong()).isEqualTo(p.videoId());
    assertThat(outboxed.path("currency").asText()).isEqualTo("TWD");

    JsonNode sent = api.get("/api/v1/me/donations/sent", p.fanToken()).json();
    assertThat(sent.path("items").path(0).path("status").asText()).isEqualTo("paid");
    assertThat(sent.path("items").path(0).path("message").asText()).isEqualTo("加油！");
    JsonNode received = api.get("/api/v1/me/donations/received", p.creatorToken()).json();
    assertThat(received.path("total").asLong()).isEqualTo(1);
    assertThat(received.path("items").path(0).path("fromName").asText()).startsWith("Fan ");

    String refund =
        PaddleFixtures.event(
            "evt_ref" + SEQ.incrementAndGet(),
            "adjustment.updated",
            CLOCK.instant().plusSeconds(1),
            PaddleFixtures.refund("adj_01x", txn, "approved"));
    assertThat(outcome(deliver(refund))).isEqualTo("applied");
    assertThat(donationStatus(id)).isEqualTo("refunded 3000 TWD");
  }

  @Test
  void aFailedPaymentIsFailedAndAnOlderEventNeverOverwritesANewerOne() {
    Party p = party();
    JsonNode tip = startTip(p, 5_000);
    String txn = tip.path("transactionId").asText();
    Instant t0 = CLOCK.instant();
    String failed =
        PaddleFixtures.event(
            "evt_f" + SEQ.incrementAndGet(),
            "transaction.payment_failed",
            t0.plusSeconds(2),
            PaddleFixtures.transaction(
                txn,
                "ready",
                5_000,
                "TWD",
                PaddleFixtures.donationData(p.fanId(), p.channelId(), p.videoId()),
                t0));
    String paidEarlier =
        tipCompleted("evt_p" + SEQ.incrementAndGet(), t0.plusSeconds(1), txn, 5_000, "TWD", p);
    assertThat(outcome(deliver(failed))).isEqualTo("applied");
    assertThat(outcome(deliver(paidEarlier))).isEqualTo("stale");
    assertThat(donationStatus(tip.path("donationId").asLong())).startsWith("failed");
  }

  @Test
  void outOfOrderSubscriptionEventsEndInTheLatestState() {
    Party p = party();
    Instant t = CLOCK.instant();
    String sub = "sub_01ooo" + SEQ.incrementAndGet();
    String canceled =
        subscriptionEvent(
            "evt_c" + SEQ.incrementAndGet(),
            "subscription.canceled",
            t.plusSeconds(60),
            p,
            sub,
            "canceled",
            null,
            null);
    String activated =
        subscriptionEvent(
            "evt_a" + SEQ.incrementAndGet(),
            "subscription.activated",
            t,
            p,
            sub,
            "active",
            t.plus(Duration.ofDays(30)),
            null);

    assertThat(outcome(deliver(canceled))).isEqualTo("applied");
    assertThat(outcome(deliver(activated))).isEqualTo("stale");

    JsonNode mine = api.get("/api/v1/me/memberships", p.fanToken()).json().path("items").path(0);
    assertThat(mine.path("status").asText()).isEqualTo("canceled");
    assertThat(mine.path("active").asBoolean()).isFalse();
    assertThat(api.get("/api/v1/videos/" + p.videoId() + "/playback", p.fanToken()).code())
        .isEqualTo("membership_required");
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.member_joined' AND JSON_VALUE(payload, '$.userId') = "
                    + p.fanId()))
        .as("never active, never announced")
        .isZero();
  }

  @Test
  void tierTwoAccessFollowsMembershipEventsUntilThePaidPeriodEnds() throws Exception {
    Party p = party();
    String video = "/api/v1/videos/" + p.videoId();
    assertThat(api.get(video + "/playback", p.fanToken()).code()).isEqualTo("membership_required");
    assertThat(api.get(video, p.fanToken()).json().path("locked").asBoolean()).isTrue();

    JsonNode checkout =
        api.post("/api/v1/channels/" + p.channelId() + "/membership", null, p.fanToken()).json();
    assertThat(checkout.path("checkoutUrl").asText()).startsWith("https://pay.example.test/");
    assertThat(checkout.path("clientToken").asText())
        .as("the browser opens it with Paddle.js")
        .isEqualTo("test_client_token");
    assertThat(api.get(video + "/playback", p.fanToken()).status())
        .as("a checkout alone grants nothing")
        .isEqualTo(403);

    Instant t = CLOCK.instant();
    Instant periodEnd = t.plus(Duration.ofDays(30));
    String sub = "sub_01acc" + SEQ.incrementAndGet();
    assertThat(
            outcome(
                deliver(
                    subscriptionEvent(
                        "evt_" + SEQ.incrementAndGet(),
                        "subscription.created",
                        t,
                        p,
                        sub,
                        "active",
                        periodEnd,
                        null))))
        .isEqualTo("applied");
    ApiClient.Response playback = api.get(video + "/playback", p.fanToken());
    assertThat(playback.status()).isEqualTo(200);
    assertThat(api.get(video, p.fanToken()).json().path("locked").asBoolean()).isFalse();
    assertThat(
            api.get("/api/v1/channels/" + p.channelId() + "/videos", p.fanToken())
                .json()
                .path("items")
                .path(0)
                .path("locked")
                .asBoolean())
        .isFalse();
    assertThat(api.post(video + "/views", null, p.fanToken()).json().path("counted").asBoolean())
        .isTrue();
    assertThat(
            api.post("/api/v1/channels/" + p.channelId() + "/membership", null, p.fanToken())
                .code())
        .isEqualTo("already_member");

    // Past due: still inside the paid period. Paused: access stops, even for a stream URL handed
    // out before.
    String url = playback.json().path("url").asText();
    deliver(
        subscriptionEvent(
            "evt_" + SEQ.incrementAndGet(),
            "subscription.past_due",
            t.plusSeconds(1),
            p,
            sub,
            "past_due",
            periodEnd,
            null));
    assertThat(api.getBytes(url, Map.of()).statusCode()).isEqualTo(200);
    deliver(
        subscriptionEvent(
            "evt_" + SEQ.incrementAndGet(),
            "subscription.paused",
            t.plusSeconds(2),
            p,
            sub,
            "paused",
            null,
            null));
    assertThat(api.getBytes(url, Map.of()).statusCode()).isEqualTo(403);
    deliver(
        subscriptionEvent(
            "evt_" + SEQ.incrementAndGet(),
            "subscription.resumed",
            t.plusSeconds(3),
            p,
            sub,
            "active",
            periodEnd,
            null));
    assertThat(api.getBytes(url, Map.of()).statusCode()).isEqualTo(200);

    // Cancel: Paddle is asked; its webhook schedules the end; canceled arrives without a period and
    // keeps the stored one.
    paddle.put(
        sub,
        PaddleFixtures.subscription(
            sub, "active", p.fanId(), p.channelId(), periodEnd, periodEnd, t));
    assertThat(
            api.delete("/api/v1/channels/" + p.channelId() + "/membership", p.fanToken()).status())
        .isEqualTo(202);
    assertThat(paddle.requests.getLast().path()).isEqualTo("/subscriptions/" + sub + "/cancel");
    deliver(
        subscriptionEvent(
            "evt_" + SEQ.incrementAndGet(),
            "subscription.updated",
            t.plusSeconds(4),
            p,
            sub,
            "active",
            periodEnd,
            periodEnd));
    deliver(
        subscriptionEvent(
            "evt_" + SEQ.incrementAndGet(),
            "subscription.canceled",
            t.plusSeconds(5),
            p,
            sub,
            "canceled",
            null,
            null));
    JsonNode mine = api.get("/api/v1/me/memberships", p.fanToken()).json().path("items").path(0);
    assertThat(mine.path("status").asText()).isEqualTo("canceled");
    assertThat(Instant.parse(mine.path("currentPeriodEnd").asText())).isEqualTo(periodEnd);
    assertThat(mine.path("active").asBoolean()).isTrue();
    assertThat(api.get(video + "/playback", p.fanToken()).status()).isEqualTo(200);

    CLOCK.advance(Duration.ofDays(31));
    assertThat(api.get(video + "/playback", p.fanToken()).code()).isEqualTo("membership_required");
    assertThat(api.get(video, p.fanToken()).json().path("locked").asBoolean()).isTrue();

    JsonNode joined =
        JSON.readTree(
            Sql.text(
                env,
                "SELECT payload FROM outbox WHERE subject = 'fenz.monetization.member_joined' "
                    + "AND JSON_VALUE(payload, '$.userId') = "
                    + p.fanId()));
    assertThat(joined.path("channelId").asLong()).isEqualTo(p.channelId());
    assertThat(joined.path("creatorUserId").asLong()).isEqualTo(p.creatorId());
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM outbox WHERE subject = 'fenz.monetization.member_joined' AND JSON_VALUE(payload, '$.userId') = "
                    + p.fanId()))
        .as("resuming is not joining again")
        .isEqualTo(1);
    JsonNode ending =
        JSON.readTree(
            Sql.text(
                env,
                "SELECT payload FROM outbox WHERE subject = 'fenz.monetization.membership_ending' "
                    + "AND JSON_VALUE(payload, '$.userId') = "
                    + p.fanId()));
    assertThat(Instant.parse(ending.path("endsAt").asText())).isEqualTo(periodEnd);
  }

  @Test
  void joiningIsRefusedForYourOwnChannelAChannelWithoutPriceOrWithoutSigningIn() {
    Party p = party();
    assertThat(
            api.post("/api/v1/channels/" + p.channelId() + "/membership", null, p.creatorToken())
                .code())
        .isEqualTo("cannot_join_own_channel");
    JsonNode plain =
        api.register("plain" + SEQ.incrementAndGet() + "@example.com", "password-123", "Plain");
    long plainChannel = plain.path("user").path("channelId").asLong();
    ApiClient.Response notOffered =
        api.post("/api/v1/channels/" + plainChannel + "/membership", null, p.fanToken());
    assertThat(notOffered.status()).isEqualTo(409);
    assertThat(notOffered.code()).isEqualTo("membership_not_offered");
    assertThat(api.post("/api/v1/channels/" + p.channelId() + "/membership", null, null).status())
        .isEqualTo(401);
    assertThat(api.post("/api/v1/channels/999999/membership", null, p.fanToken()).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/channels/" + p.channelId() + "/membership", p.fanToken()).code())
        .isEqualTo("membership_not_found");
    assertThat(
            api.get("/api/v1/channels/" + p.channelId(), null)
                .json()
                .path("membershipPrice")
                .asLong())
        .isEqualTo(15_000);
  }

  @Test
  void badTipsAndPricesAreRefusedWithClearCodes() {
    Party p = party();
    String path = "/api/v1/videos/" + p.videoId() + "/donations";
    for (Object amount : List.of(-100, 0, 1, 999_999_999_999L)) {
      ApiClient.Response r =
          api.post(path, Map.of("amount", amount, "currency", "TWD"), p.fanToken());
      assertThat(r.status()).as("amount " + amount).isEqualTo(422);
      assertThat(r.json().path("errors").path(0).path("field").asText()).isEqualTo("amount");
    }
    assertThat(
            api.post(path, Map.of("amount", 5_000, "currency", "XYZ"), p.fanToken())
                .json()
                .path("errors")
                .path(0)
                .path("code")
                .asText())
        .isEqualTo("unsupported_currency");
    assertThat(
            api.post(
                    path,
                    Map.of("amount", 5_000, "currency", "TWD", "message", "長".repeat(201)),
                    p.fanToken())
                .status())
        .isEqualTo(422);
    assertThat(api.post(path, "{\"amount\":\"5000\",\"currency\":\"TWD\"}", p.fanToken()).status())
        .isEqualTo(400);
    assertThat(api.post(path, Map.of("amount", 5_000, "currency", "TWD"), p.creatorToken()).code())
        .isEqualTo("cannot_tip_self");
    assertThat(
            api.post(
                    "/api/v1/videos/999999/donations",
                    Map.of("amount", 5_000, "currency", "TWD"),
                    p.fanToken())
                .status())
        .isEqualTo(404);
    assertThat(api.post(path, Map.of("amount", 5_000, "currency", "TWD"), null).status())
        .isEqualTo(401);
    assertThat(
            api.put(
                    "/api/v1/dashboard/membership-settings",
                    Map.of("price", 0, "currency", "TWD"),
                    p.creatorToken())
                .status())
        .isEqualTo(422);
    assertThat(
            api.put(
                    "/api/v1/dashboard/membership-settings",
                    Map.of("price", 500, "currency", "twd"),
                    p.creatorToken())
                .status())
        .isEqualTo(422);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM donations WHERE from_user_id = " + p.fanId()))
        .isZero();
  }

  @Test
  void signedBodiesThatAreNotUsableAreAcknowledgedAndWriteNothing() {
    Party p = party();
    long events = Sql.count(env, "SELECT COUNT(*) FROM payment_events");
    assertThat(outcome(deliver("not json at all"))).isEqualTo("ignored");
    assertThat(outcome(deliver("{\"hello\":\"world\"}"))).isEqualTo("ignored");
    assertThat(outcome(deliver("[1,2,3]"))).isEqualTo("ignored");
    String stranger =
        PaddleFixtures.event(
            "evt_u" + SEQ.incrementAndGet(),
            "subscription.created",
            CLOCK.instant(),
            PaddleFixtures.subscription(
                "sub_01nobody",
                "active",
                987_654,
                p.channelId(),
                CLOCK.instant().plusSeconds(86_400),
                null,
                CLOCK.instant()));
    assertThat(outcome(deliver(stranger))).isEqualTo("ignored");
    String unknownTxn =
        tipCompleted(
            "evt_t" + SEQ.incrementAndGet(), CLOCK.instant(), "txn_01unknown", 100, "TWD", p);
    assertThat(outcome(deliver(unknownTxn))).isEqualTo("ignored");
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM memberships WHERE paddle_subscription_id = 'sub_01nobody'"))
        .isZero();
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM payment_events")).isEqualTo(events);
  }
}
