package io.fenz.monetization.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.domain.PaymentEvent;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.json.Json;
import io.fenz.testing.FakePaddle;
import io.fenz.testing.PaddleFixtures;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Paddle client against an in-test server answering as Paddle's API reference documents. */
class PaddleApiTest {
  private static final ObjectMapper JSON = Json.mapper();
  private FakePaddle paddle;
  private PaddleApi api;

  @BeforeEach
  void start() throws Exception {
    paddle = new FakePaddle();
    api = new PaddleApi(payments("pdl_sdbx_apikey_test"), JSON, Duration.ofMillis(1));
  }

  private FenzConfig.Payments payments(String key) {
    return new FenzConfig.Payments(
        key,
        "pdl_ntfset_x",
        false,
        "test_client_token",
        URI.create(paddle.url()),
        Duration.ofSeconds(5),
        false,
        Duration.ofMinutes(15));
  }

  @AfterEach
  void stop() {
    paddle.close();
  }

  @Test
  void aTipIsAOneTimeNonCatalogPriceCarryingOurCustomData() throws Exception {
    Checkout.Started started =
        api.start(
            new Checkout(
                Checkout.Kind.DONATION, 7, 3, 42L, "加油", 5_000, "TWD", "FenzVideo tip: 影片"));

    assertThat(started.transactionId()).startsWith("txn_");
    assertThat(started.checkoutUrl()).startsWith("https://pay.example.test/checkout");
    assertThat(started.clientToken()).isEqualTo("test_client_token");
    FakePaddle.Request sent = paddle.requests.getFirst();
    assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /transactions");
    assertThat(sent.authorization()).isEqualTo("Bearer pdl_sdbx_apikey_test");
    JsonNode body = JSON.readTree(sent.body());
    JsonNode price = body.path("items").path(0).path("price");
    assertThat(price.path("unit_price").path("amount").asText())
        .as("Paddle wants amounts as strings")
        .isEqualTo("5000");
    assertThat(price.path("unit_price").path("currency_code").asText()).isEqualTo("TWD");
    assertThat(price.has("billing_cycle")).as("one-time").isFalse();
    assertThat(price.path("product").path("tax_category").asText()).isEqualTo("standard");
    assertThat(body.path("custom_data").toString())
        .isEqualTo(
            "{\"kind\":\"donation\",\"userId\":7,\"channelId\":3,\"videoId\":42,\"message\":\"加油\"}");
  }

  @Test
  void aMembershipIsAMonthlyRecurringPrice() throws Exception {
    api.start(
        new Checkout(
            Checkout.Kind.MEMBERSHIP, 7, 3, null, null, 15_000, "TWD", "FenzVideo membership: C"));
    JsonNode body = JSON.readTree(paddle.requests.getFirst().body());
    assertThat(body.path("items").path(0).path("price").path("billing_cycle").toString())
        .isEqualTo("{\"interval\":\"month\",\"frequency\":1}");
    assertThat(body.path("custom_data").toString())
        .isEqualTo("{\"kind\":\"membership\",\"userId\":7,\"channelId\":3}");
  }

  @Test
  void waitsOutA429AndBacksOffA5xxThenSucceeds() {
    paddle.script(
        429,
        "1",
        "{\"error\":{\"type\":\"request_error\",\"code\":\"too_many_requests\",\"detail\":\"slow down\"}}");
    paddle.script(
        503,
        null,
        "{\"error\":{\"type\":\"api_error\",\"code\":\"internal_error\",\"detail\":\"oops\"}}");
    long started = System.nanoTime();
    api.start(new Checkout(Checkout.Kind.DONATION, 7, 3, null, null, 5_000, "TWD", "tip"));
    assertThat(paddle.requests).hasSize(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("Retry-After: 1 honoured")
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aProviderThatKeepsFailingIsA503ForOurCallerNeverA500() {
    for (int i = 0; i < 4; i++) {
      paddle.script(
          500,
          null,
          "{\"error\":{\"type\":\"api_error\",\"code\":\"internal_error\",\"detail\":\"down\"}}");
    }
    assertThatThrownBy(() -> api.transaction("txn_01abc"))
        .isInstanceOfSatisfying(
            FenzException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              assertThat(e.code()).isEqualTo("payments_unavailable");
            });
    assertThat(paddle.requests).as("first try + 3 retries").hasSize(4);
  }

  @Test
  void aRequestPaddleRefusesIsNotRetried() {
    paddle.script(
        400,
        null,
        "{\"error\":{\"type\":\"request_error\",\"code\":\"invalid_field\",\"detail\":\"bad currency\"}}");
    assertThatThrownBy(
            () ->
                api.start(
                    new Checkout(Checkout.Kind.DONATION, 7, 3, null, null, 5_000, "TWD", "tip")))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("payment_rejected"));
    assertThat(paddle.requests).hasSize(1);
  }

  @Test
  void readsSubscriptionsAndTransactionsAsTheWebhookWouldCarryThem() {
    Instant end = Instant.parse("2027-01-04T10:00:00Z");
    Instant updated = Instant.parse("2026-12-04T10:00:00.123Z");
    paddle.put(
        "sub_01abc", PaddleFixtures.subscription("sub_01abc", "active", 7, 3, end, end, updated));
    paddle.put(
        "txn_01abc",
        PaddleFixtures.transaction(
            "txn_01abc",
            "completed",
            4_200,
            "TWD",
            PaddleFixtures.donationData(7, 3, 42),
            updated));

    var sub = api.subscription("sub_01abc").orElseThrow();
    assertThat(sub.change())
        .isEqualTo(new PaymentEvent.SubscriptionState("sub_01abc", 7L, 3L, "active", end, end));
    assertThat(sub.updatedAt()).isEqualTo(updated);
    assertThat(api.transaction("txn_01abc").orElseThrow().change())
        .isEqualTo(new PaymentEvent.TransactionPaid("txn_01abc", 4_200, "TWD"));
    assertThat(api.subscription("sub_01missing")).isEmpty();
  }

  @Test
  void cancelsAtTheEndOfThePeriod() throws Exception {
    paddle.put(
        "sub_01abc",
        PaddleFixtures.subscription(
            "sub_01abc", "active", 7, 3, Instant.now(), Instant.now(), Instant.now()));
    api.cancelAtPeriodEnd("sub_01abc");
    FakePaddle.Request sent = paddle.requests.getFirst();
    assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /subscriptions/sub_01abc/cancel");
    assertThat(JSON.readTree(sent.body()).path("effective_from").asText())
        .isEqualTo("next_billing_period");
  }

  @Test
  void withoutAKeyNothingIsSentAndTheCallerGetsA503() {
    PaddleApi keyless = new PaddleApi(payments(null), JSON, Duration.ofMillis(1));
    assertThatThrownBy(
            () ->
                keyless.start(
                    new Checkout(Checkout.Kind.DONATION, 7, 3, null, null, 5_000, "TWD", "tip")))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThatThrownBy(() -> api.subscription("../admin")).isInstanceOf(FenzException.class);
    assertThat(paddle.requests).isEmpty();
  }
}
