package io.fenz.monetization.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paddle Billing's REST API on java.net.http: Bearer key, JSON in and out, connect/request
 * timeouts. 429 waits as Retry-After says (at most {@link #MAX_WAIT}) and 5xx or a broken
 * connection backs off and retries; what still fails becomes a 503 for our caller, never a 500.
 */
public final class PaddleApi implements PaymentGateway {
  private static final Logger LOG = LoggerFactory.getLogger(PaddleApi.class);
  private static final Pattern PADDLE_ID = Pattern.compile("^[a-z]{2,6}_[a-z0-9]{1,60}$");
  private static final Duration MAX_WAIT = Duration.ofSeconds(10);
  private final FenzConfig.Payments config;
  private final ObjectMapper json;
  private final HttpClient http;
  private final RetryPolicy<HttpResponse<byte[]>> retries;

  public PaddleApi(FenzConfig.Payments config, ObjectMapper json, Duration firstBackoff) {
    this.config = config;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.retries =
        RetryPolicy.<HttpResponse<byte[]>>builder()
            .handle(IOException.class)
            .handleResultIf(r -> r.statusCode() == 429 || r.statusCode() >= 500)
            .withBackoff(firstBackoff, firstBackoff.multipliedBy(16))
            .withDelayFn(ctx -> retryAfter(ctx.getLastResult()))
            .withMaxRetries(3)
            .build();
  }

  @Override
  public Checkout.Started start(Checkout c) {
    ObjectNode price =
        json.createObjectNode().put("description", c.description()).put("name", c.description());
    price
        .putObject("unit_price")
        .put("amount", Long.toString(c.amount()))
        .put("currency_code", c.currency());
    price.putObject("product").put("name", c.description()).put("tax_category", "standard");
    if (c.kind() == Checkout.Kind.MEMBERSHIP) {
      price.putObject("billing_cycle").put("interval", "month").put("frequency", 1);
    }
    ObjectNode body = json.createObjectNode().put("currency_code", c.currency());
    body.putArray("items").addObject().put("quantity", 1).set("price", price);
    ObjectNode custom =
        body.putObject("custom_data")
            .put("kind", c.kind().customDataValue())
            .put("userId", c.userId())
            .put("channelId", c.channelId());
    if (c.videoId() != null) {
      custom.put("videoId", c.videoId());
    }
    if (c.message() != null && !c.message().isEmpty()) {
      custom.put("message", c.message());
    }
    JsonNode data =
        call("POST", "/transactions", body)
            .orElseThrow(() -> unavailable("Paddle did not create the transaction."));
    String id = PaddleEvents.text(data, "id");
    String url = PaddleEvents.text(data.path("checkout"), "url");
    if (id == null || url == null) {
      LOG.error(
          "Paddle transaction answer without id or checkout url (is a default payment link set?)");
      throw unavailable("Checkout is not available right now.");
    }
    return new Checkout.Started(id, url, config.clientToken());
  }

  @Override
  public void cancelAtPeriodEnd(String subscriptionId) {
    call(
            "POST",
            "/subscriptions/" + checkedId(subscriptionId) + "/cancel",
            json.createObjectNode().put("effective_from", "next_billing_period"))
        .orElseThrow(
            () ->
                FenzException.notFound(
                    "membership_not_found", "Paddle does not know this subscription."));
  }

  @Override
  public Optional<Snapshot> subscription(String subscriptionId) {
    return call("GET", "/subscriptions/" + checkedId(subscriptionId), null)
        .map(snapshot(PaddleEvents::subscription));
  }

  @Override
  public Optional<Snapshot> transaction(String transactionId) {
    return call("GET", "/transactions/" + checkedId(transactionId), null)
        .map(snapshot(PaddleEvents::transaction));
  }

  private static Function<JsonNode, Snapshot> snapshot(
      Function<JsonNode, io.fenz.monetization.domain.PaymentEvent.Change> change) {
    return data -> new Snapshot(change.apply(data), PaddleEvents.time(data, "updated_at"));
  }

  /** The answer's {@code data}; empty on 404. */
  private Optional<JsonNode> call(String method, String path, JsonNode body) {
    if (config.apiKey() == null) {
      throw unavailable("Payments are not configured on this server.");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.apiUrl().toString().replaceAll("/$", "") + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + config.apiKey())
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<byte[]> response;
    try {
      response =
          Failsafe.with(retries)
              .get(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn(
          "Paddle {} {} failed: {}",
          method,
          path,
          e.getCause() == null ? e.toString() : e.getCause().toString());
      throw unavailable("The payment provider cannot be reached; try again shortly.");
    }
    int status = response.statusCode();
    if (status == 404) {
      return Optional.empty();
    }
    if (status >= 200 && status < 300) {
      try {
        return Optional.of(json.readTree(response.body()).path("data"));
      } catch (IOException e) {
        throw unavailable("The payment provider answered something unreadable.");
      }
    }
    String code = errorCode(response.body());
    LOG.warn("Paddle {} {} answered {} ({})", method, path, status, code);
    if (status == 429 || status >= 500 || status == 401 || status == 403) {
      throw unavailable("The payment provider is not available; try again shortly.");
    }
    throw new FenzException(
        ErrorKind.UNPROCESSABLE,
        "payment_rejected",
        "The payment provider refused this request (" + code + ").");
  }

  private String errorCode(byte[] body) {
    try {
      return json.readTree(body).path("error").path("code").asText("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Retry-After of a 429 (capped); a negative delay tells Failsafe to use the backoff. */
  private static Duration retryAfter(HttpResponse<byte[]> last) {
    Duration backoff = Duration.ofNanos(-1);
    if (last == null || last.statusCode() != 429) {
      return backoff;
    }
    try {
      long seconds = Long.parseLong(last.headers().firstValue("Retry-After").orElse("").strip());
      return Duration.ofSeconds(Math.max(0, seconds)).compareTo(MAX_WAIT) > 0
          ? MAX_WAIT
          : Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException e) {
      return backoff;
    }
  }

  private static String checkedId(String id) {
    if (id == null || !PADDLE_ID.matcher(id).matches()) {
      throw FenzException.invalidInput("invalid_request", "Not a Paddle id.");
    }
    return id;
  }

  private static FenzException unavailable(String message) {
    return new FenzException(
        ErrorKind.UNAVAILABLE,
        "payments_unavailable",
        message,
        java.util.List.of(),
        java.util.Map.of("retryAfterSeconds", 30));
  }
}
