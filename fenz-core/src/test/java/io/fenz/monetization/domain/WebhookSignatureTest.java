package io.fenz.monetization.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.testing.PaddleFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Paddle-Signature checks against vectors made outside the production code (openssl, and the test's
 * own HMAC).
 */
class WebhookSignatureTest {
  private static final String SECRET = "pdl_ntfset_01testsecret";
  private static final Duration TOLERANCE = Duration.ofSeconds(5);
  private static final Instant TS = Instant.ofEpochSecond(1_700_000_000L);
  private static final String BODY =
      "{\"event_id\":\"evt_1\",\"event_type\":\"transaction.completed\"}";

  /** printf '1700000000:<BODY>' | openssl dgst -sha256 -hmac pdl_ntfset_01testsecret */
  private static final String OPENSSL_H1 =
      "1b4f0377853a9d91a4a24bc8fea308775ec11f16a997b0acef2ab121c4673abf";

  private static boolean verify(String header, String body, Instant now) {
    return WebhookSignature.verify(
        header, body.getBytes(StandardCharsets.UTF_8), SECRET, now, TOLERANCE);
  }

  @Test
  void acceptsTheSignatureOpensslComputes() {
    assertThat(PaddleFixtures.hmacHex(SECRET, TS.getEpochSecond(), BODY)).isEqualTo(OPENSSL_H1);
    assertThat(verify("ts=1700000000;h1=" + OPENSSL_H1, BODY, TS)).isTrue();
    assertThat(verify("ts=1700000000;h1=" + OPENSSL_H1.toUpperCase(), BODY, TS.plusSeconds(5)))
        .as("hex case, edge of tolerance")
        .isTrue();
  }

  @Test
  void rejectsAWrongSecretATamperedBodyAStaleOrFutureTsAndAMissingHeader() {
    assertThat(verify(PaddleFixtures.signature("pdl_ntfset_other", TS, BODY), BODY, TS))
        .as("wrong secret")
        .isFalse();
    assertThat(verify("ts=1700000000;h1=" + OPENSSL_H1, BODY.replace("evt_1", "evt_2"), TS))
        .as("tampered body")
        .isFalse();
    assertThat(verify("ts=1700000000;h1=" + OPENSSL_H1, BODY, TS.plusSeconds(6)))
        .as("stale ts")
        .isFalse();
    assertThat(verify("ts=1700000000;h1=" + OPENSSL_H1, BODY, TS.minusSeconds(6)))
        .as("ts from the future")
        .isFalse();
    assertThat(verify("ts=1700000001;h1=" + OPENSSL_H1, BODY, TS))
        .as("ts changed, signature kept")
        .isFalse();
    assertThat(verify(null, BODY, TS)).as("missing header").isFalse();
    assertThat(verify("", BODY, TS)).isFalse();
    assertThat(verify("h1=" + OPENSSL_H1, BODY, TS)).as("no ts").isFalse();
    assertThat(verify("ts=1700000000", BODY, TS)).as("no h1").isFalse();
    assertThat(verify("ts=abc;h1=" + OPENSSL_H1, BODY, TS)).isFalse();
    assertThat(verify("ts=1700000000;h1=zz" + OPENSSL_H1.substring(2), BODY, TS)).isFalse();
  }

  @Test
  void oneMatchingH1AmongSeveralIsEnoughDuringSecretRotation() {
    String old = PaddleFixtures.hmacHex("pdl_ntfset_previous", TS.getEpochSecond(), BODY);
    assertThat(verify("ts=1700000000;h1=" + old + ";h1=" + OPENSSL_H1, BODY, TS)).isTrue();
    assertThat(verify("ts=1700000000;h1=" + old + ";h1=" + old, BODY, TS)).isFalse();
  }

  @Test
  void signProducesWhatPaddleWouldSend() {
    assertThat(WebhookSignature.sign(BODY.getBytes(StandardCharsets.UTF_8), SECRET, TS))
        .isEqualTo("ts=1700000000;h1=" + OPENSSL_H1);
  }
}
