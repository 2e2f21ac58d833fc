package io.fenz.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Paddle Billing notifications and entities shaped as Paddle's reference shows them, and their
 * signature computed here from the documented rule (HMAC-SHA256 of "ts:body"), independently of the
 * production code.
 */
public final class PaddleFixtures {
  private PaddleFixtures() {}

  public static String hmacHex(String secret, long ts, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static String signature(String secret, Instant at, String body) {
    return "ts=" + at.getEpochSecond() + ";h1=" + hmacHex(secret, at.getEpochSecond(), body);
  }

  public static String event(String eventId, String type, Instant occurredAt, String data) {
    return """
        {"event_id":"%s","event_type":"%s","occurred_at":"%s","notification_id":"ntf_%s","data":%s}"""
        .formatted(eventId, type, occurredAt, eventId, data);
  }

  /** A transaction entity; {@code customData} is a JSON object or null. */
  public static String transaction(
      String id, String status, long total, String currency, String customData, Instant updatedAt) {
    return """
        {"id":"%s","status":"%s","customer_id":"ctm_01test","currency_code":"%s","origin":"web","subscription_id":null,
         "custom_data":%s,"created_at":"%s","updated_at":"%s",
         "details":{"totals":{"subtotal":"%d","tax":"0","discount":"0","total":"%d","grand_total":"%d","currency_code":"%s"}},
         "checkout":{"url":"https://pay.example.test/checkout?_ptxn=%s"}}"""
        .formatted(
            id,
            status,
            currency,
            customData,
            updatedAt,
            updatedAt,
            total,
            total,
            total,
            currency,
            id);
  }

  public static String donationData(long userId, long channelId, long videoId) {
    return "{\"kind\":\"donation\",\"userId\":%d,\"channelId\":%d,\"videoId\":%d}"
        .formatted(userId, channelId, videoId);
  }

  /**
   * A subscription entity; null {@code periodEnd} is sent as {@code current_billing_period: null}
   * (as Paddle does once canceled).
   */
  public static String subscription(
      String id,
      String status,
      long userId,
      long channelId,
      Instant periodEnd,
      Instant cancelAt,
      Instant updatedAt) {
    String period =
        periodEnd == null
            ? "null"
            : "{\"starts_at\":\"%s\",\"ends_at\":\"%s\"}"
                .formatted(periodEnd.minusSeconds(30L * 86400), periodEnd);
    String change =
        cancelAt == null
            ? "null"
            : "{\"action\":\"cancel\",\"effective_at\":\"%s\",\"resume_at\":null}"
                .formatted(cancelAt);
    return """
        {"id":"%s","status":"%s","customer_id":"ctm_01test","currency_code":"TWD","created_at":"%s","updated_at":"%s",
         "custom_data":{"kind":"membership","userId":%d,"channelId":%d},"current_billing_period":%s,"scheduled_change":%s,
         "billing_cycle":{"interval":"month","frequency":1}}"""
        .formatted(id, status, updatedAt, updatedAt, userId, channelId, period, change);
  }

  public static String refund(String adjustmentId, String transactionId, String status) {
    return """
        {"id":"%s","action":"refund","transaction_id":"%s","status":"%s","reason":"requested","currency_code":"TWD"}"""
        .formatted(adjustmentId, transactionId, status);
  }
}
