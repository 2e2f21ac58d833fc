package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.MutableClock;
import io.fenz.testing.PaddleFixtures;
import io.fenz.testing.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `fenz dev` without a Paddle key: the local simulator's checkout page drives the real webhook
 * endpoint. And the creator dashboard's figures against numbers worked out by hand.
 */
@WithFenzServices
class SimulatedPaymentsAndDashboardTest {
  private static final String SECRET = "pdl_ntfset_dev_known";

  /**
   * Noon UTC, so the three days of the dashboard fixture never straddle a midnight while the test
   * runs.
   */
  private static final MutableClock CLOCK =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12)));

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of("FENZ_PAYMENT_SIMULATOR", "true", "PADDLE_WEBHOOK_SECRET", SECRET), CLOCK);

  private static final ApiClient api = app.api;
  private static TestEnvironment env;

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
  }

  private static JsonNode register(String name) {
    return api.register(name + "@example.com", "password-123", name);
  }

  private static String token(JsonNode user) {
    return user.path("accessToken").asText();
  }

  private static String html(ApiClient.Response r) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/html");
    return r.raw().body();
  }

  @Test
  void aMemberJoinsWatchesCancelsAndTipsThroughTheSimulator() {
    JsonNode creator = register("sim-creator");
    long channel = creator.path("user").path("channelId").asLong();
    api.put(
        "/api/v1/dashboard/membership-settings",
        Map.of("price", 15_000, "currency", "TWD"),
        token(creator));
    long video =
        api.createVideo(token(creator), Map.of("title", "<b>會員</b>限定", "accessTier", 2), true);
    JsonNode fan = register("sim-fan");

    JsonNode started =
        api.post("/api/v1/channels/" + channel + "/membership", null, token(fan)).json();
    assertThat(started.has("clientToken")).as("the simulator's page needs no Paddle.js").isFalse();
    String checkout = started.path("checkoutUrl").asText();
    assertThat(checkout).startsWith("/api/v1/dev/payments/checkout/txn_sim");
    String page = html(api.get(checkout, null));
    assertThat(page)
        .contains("LOCAL PAYMENT SIMULATOR")
        .contains("15000")
        .contains("monthly membership");
    assertThat(api.get("/api/v1/videos/" + video + "/playback", token(fan)).status())
        .isEqualTo(403);
    assertThat(html(api.post(checkout + "/pay", null, null))).contains("Paid (simulated)");
    assertThat(api.post(checkout + "/pay", null, null).status())
        .as("a checkout is paid once")
        .isEqualTo(404);

    JsonNode membership =
        api.get("/api/v1/me/memberships", token(fan)).json().path("items").path(0);
    assertThat(membership.path("status").asText()).isEqualTo("active");
    assertThat(membership.path("active").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/videos/" + video + "/playback", token(fan)).status())
        .isEqualTo(200);
    ApiClient.Response canceled =
        api.delete("/api/v1/channels/" + channel + "/membership", token(fan));
    assertThat(canceled.status()).isEqualTo(202);
    assertThat(canceled.json().path("cancelAt").asText())
        .isEqualTo(membership.path("currentPeriodEnd").asText());
    assertThat(api.get("/api/v1/videos/" + video + "/playback", token(fan)).status())
        .as("paid until the period ends")
        .isEqualTo(200);

    String tip =
        api.post(
                "/api/v1/videos/" + video + "/donations",
                Map.of("amount", 6_600, "currency", "TWD", "message", "讚"),
                token(fan))
            .json()
            .path("checkoutUrl")
            .asText();
    assertThat(html(api.get(tip, null)))
        .contains("one-time tip")
        .contains("&lt;b&gt;")
        .doesNotContain("<b>會員");
    html(api.post(tip + "/pay", null, null));
    String declined =
        api.post(
                "/api/v1/videos/" + video + "/donations",
                Map.of("amount", 3_000, "currency", "TWD"),
                token(fan))
            .json()
            .path("checkoutUrl")
            .asText();
    assertThat(html(api.post(declined + "/fail", null, null))).contains("declined");

    JsonNode sent = api.get("/api/v1/me/donations/sent", token(fan)).json().path("items");
    assertThat(sent.path(0).path("status").asText() + " " + sent.path(1).path("status").asText())
        .isEqualTo("failed paid");
    assertThat(sent.path(1).path("amount").asLong()).isEqualTo(6_600);
    assertThat(api.get("/api/v1/dev/payments/checkout/txn_simnope", null).status()).isEqualTo(404);
  }

  @Test
  void dashboardFiguresMatchTheHandCountedOnes() {
    LocalDate d3 = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
    LocalDate d2 = d3.minusDays(1);
    LocalDate d1 = d3.minusDays(2);
    LocalDate d0 = d3.minusDays(3);
    JsonNode creator = register("dash-creator");
    String creatorToken = token(creator);
    long channel = creator.path("user").path("channelId").asLong();
    long a = api.createVideo(creatorToken, Map.of("title", "A", "accessTier", 0), true);
    long b = api.createVideo(creatorToken, Map.of("title", "B", "accessTier", 2), true);
    long hidden = api.createVideo(creatorToken, Map.of("title", "U", "accessTier", 0), false);
    JsonNode other = register("dash-other");
    long x = api.createVideo(token(other), Map.of("title", "X", "accessTier", 0), true);
    JsonNode fan1 = register("dash-fan1");
    JsonNode fan2 = register("dash-fan2");
    JsonNode fan3 = register("dash-fan3");

    Sql.execute(
        env,
        "INSERT INTO video_daily_views VALUES ("
            + a
            + ", '"
            + d1
            + "', 2, 3), ("
            + a
            + ", '"
            + d3
            + "', 1, 0), ("
            + b
            + ", '"
            + d2
            + "', 0, 4), "
            + "("
            + x
            + ", '"
            + d1
            + "', 9, 9), ("
            + a
            + ", '"
            + d0
            + "', 5, 5)",
        "UPDATE videos SET views_member = 7, views_non_member = 8 WHERE id = " + a,
        "UPDATE videos SET views_member = 0, views_non_member = 4 WHERE id = " + b);
    api.post("/api/v1/channels/" + channel + "/subscription", null, token(fan1));
    api.post("/api/v1/channels/" + channel + "/subscription", null, token(fan2));
    api.post(
        "/api/v1/channels/" + other.path("user").path("channelId").asLong() + "/subscription",
        null,
        token(fan3));

    // Members: fan1 from d1 (renewing); fan2 from d2, canceled the same day, paid until 01:00 on
    // d3; fan3 only before the range.
    Instant noon1 = d1.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(10));
    Instant noon2 = noon1.plus(Duration.ofDays(1));
    Instant noon0 = noon1.minus(Duration.ofDays(1));
    Instant d3At1 = d3.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1));
    member(
        fan1,
        channel,
        "sub_01d1",
        "subscription.created",
        noon1,
        "active",
        noon1.plus(Duration.ofDays(30)));
    member(fan2, channel, "sub_01d2", "subscription.created", noon2, "active", d3At1);
    member(
        fan2,
        channel,
        "sub_01d2",
        "subscription.canceled",
        noon2.plusSeconds(3600),
        "canceled",
        null);
    member(
        fan3,
        channel,
        "sub_01d0",
        "subscription.created",
        noon0,
        "active",
        noon0.plus(Duration.ofHours(12)));
    member(
        fan3,
        channel,
        "sub_01d0",
        "subscription.canceled",
        noon0.plusSeconds(60),
        "canceled",
        null);

    // Tips: d2 TWD 300 + 500 on A; d3 USD 1.00 on B; a pending one; a refunded one.
    tip(fan1, a, 300, "TWD", noon2, false);
    tip(fan2, a, 500, "TWD", noon2.plusSeconds(60), false);
    tip(fan1, b, 100, "USD", noon2.plus(Duration.ofDays(1)).minusSeconds(7200), false);
    api.post(
        "/api/v1/videos/" + a + "/donations",
        Map.of("amount", 10_000, "currency", "TWD"),
        token(fan3));
    tip(fan2, b, 700, "TWD", noon2.plus(Duration.ofDays(1)).minusSeconds(7200), true);

    JsonNode report =
        api.get("/api/v1/dashboard/analytics?from=" + d1 + "&to=" + d3, creatorToken).json();
    assertThat(report.path("from").asText()).isEqualTo(d1.toString());
    JsonNode days = report.path("days");
    assertThat(days.size()).isEqualTo(3);
    assertThat(day(days.path(0))).isEqualTo(d1 + " views 2/3 subs 0 new 1 active 1 tips []");
    assertThat(day(days.path(1)))
        .isEqualTo(d2 + " views 0/4 subs 0 new 1 active 2 tips [TWD 800 x2]");
    assertThat(day(days.path(2)))
        .isEqualTo(d3 + " views 1/0 subs 2 new 0 active 2 tips [USD 100 x1]");
    JsonNode totals = report.path("totals");
    assertThat(
            totals.path("viewsMember").asLong()
                + "/"
                + totals.path("viewsNonMember").asLong()
                + " subs "
                + totals.path("newSubscribers")
                + " new "
                + totals.path("newMembers")
                + " active "
                + totals.path("activeMembers")
                + " tips "
                + money(totals.path("donations")))
        .isEqualTo("3/7 subs 2 new 2 active 2 tips [TWD 800 x2, USD 100 x1]");

    JsonNode videos = api.get("/api/v1/dashboard/videos", creatorToken).json();
    assertThat(videos.path("total").asLong())
        .as("unpublished included, others' excluded")
        .isEqualTo(3);
    Map<Long, JsonNode> byId = new java.util.HashMap<>();
    videos.path("items").forEach(v -> byId.put(v.path("id").asLong(), v));
    assertThat(
            byId.get(a).path("viewsMember").asLong()
                + "/"
                + byId.get(a).path("viewsNonMember").asLong()
                + " "
                + money(byId.get(a).path("donations")))
        .isEqualTo("7/8 [TWD 800 x2]");
    assertThat(money(byId.get(b).path("donations"))).isEqualTo("[USD 100 x1]");
    assertThat(byId.get(hidden).path("published").asBoolean()).isFalse();

    assertThat(api.get("/api/v1/dashboard/analytics", creatorToken).json().path("days").size())
        .as("default: the last 30 days")
        .isEqualTo(30);
    assertThat(api.get("/api/v1/dashboard/analytics?from=" + d3 + "&to=" + d1, creatorToken).code())
        .isEqualTo("invalid_date_range");
    assertThat(api.get("/api/v1/dashboard/analytics?from=2026-13-01", creatorToken).code())
        .isEqualTo("invalid_request");
    ApiClient.Response tooLong =
        api.get("/api/v1/dashboard/analytics?from=2020-01-01&to=2026-01-01", creatorToken);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.code()).isEqualTo("date_range_too_long");
    assertThat(api.get("/api/v1/dashboard/videos", null).status()).isEqualTo(401);
  }

  private static void member(
      JsonNode fan,
      long channel,
      String sub,
      String type,
      Instant at,
      String status,
      Instant periodEnd) {
    String body =
        PaddleFixtures.event(
            "evt_" + sub + type + at.toEpochMilli(),
            type,
            at,
            PaddleFixtures.subscription(
                sub, status, fan.path("user").path("id").asLong(), channel, periodEnd, null, at));
    deliver(body);
  }

  private static void tip(
      JsonNode fan, long video, long amount, String currency, Instant paidAt, boolean refund) {
    JsonNode started =
        api.post(
                "/api/v1/videos/" + video + "/donations",
                Map.of("amount", Math.max(amount, 3_000), "currency", "TWD"),
                token(fan))
            .json();
    String txn = started.path("transactionId").asText();
    String custom = PaddleFixtures.donationData(fan.path("user").path("id").asLong(), 0, video);
    deliver(
        PaddleFixtures.event(
            "evt_" + txn,
            "transaction.completed",
            paidAt,
            PaddleFixtures.transaction(txn, "completed", amount, currency, custom, paidAt)));
    if (refund) {
      deliver(
          PaddleFixtures.event(
              "evt_r" + txn,
              "adjustment.created",
              paidAt.plusSeconds(60),
              PaddleFixtures.refund("adj_" + txn, txn, "approved")));
    }
  }

  private static void deliver(String body) {
    ApiClient.Response r =
        api.send(
            "POST",
            "/api/v1/webhooks/paddle",
            body,
            null,
            Map.of("Paddle-Signature", PaddleFixtures.signature(SECRET, CLOCK.instant(), body)));
    assertThat(r.json().path("outcome").asText()).as(body).isEqualTo("applied");
  }

  private static String day(JsonNode d) {
    return d.path("date").asText()
        + " views "
        + d.path("viewsMember")
        + "/"
        + d.path("viewsNonMember")
        + " subs "
        + d.path("newSubscribers")
        + " new "
        + d.path("newMembers")
        + " active "
        + d.path("activeMembers")
        + " tips "
        + money(d.path("donations"));
  }

  private static String money(JsonNode list) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    list.forEach(
        m ->
            parts.add(
                m.path("currency").asText()
                    + " "
                    + m.path("amount").asLong()
                    + " x"
                    + m.path("count").asLong()));
    return parts.toString();
  }
}
