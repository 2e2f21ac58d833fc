package io.fenz.monetization.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Paddle's {@code Paddle-Signature: ts=<unix seconds>;h1=<hex>[;h1=<hex>...]}: each h1 is
 * HMAC-SHA256, keyed with the whole secret string, of {@code ts + ":" + raw body}. Several h1
 * appear while a secret rotates; one match is enough. Compared in constant time; a ts outside the
 * tolerance fails (replays).
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  public static boolean verify(
      String header, byte[] body, String secret, Instant now, Duration tolerance) {
    if (header == null || secret == null || body == null || header.length() > 2_000) {
      return false;
    }
    Long ts = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      try {
        if (key.equals("ts")) {
          ts = Long.parseLong(value);
        } else if (key.equals("h1") && value.length() == 64) {
          signatures.add(HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT)));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (ts == null
        || signatures.isEmpty()
        || Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, ts, body);
    boolean any = false;
    for (byte[] candidate : signatures) {
      any |= MessageDigest.isEqual(expected, candidate);
    }
    return any;
  }

  /**
   * The header Paddle would send for this body at {@code at} (the local simulator signs with it).
   */
  public static String sign(byte[] body, String secret, Instant at) {
    return "ts="
        + at.getEpochSecond()
        + ";h1="
        + HexFormat.of().formatHex(hmac(secret, at.getEpochSecond(), body));
  }

  private static byte[] hmac(String secret, long ts, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((ts + ":").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
