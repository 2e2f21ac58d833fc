package io.fenz.content.app;

import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over (video id, viewer, expiry) for stream URLs, so a browser's {@code <video>} can
 * fetch media without an Authorization header. The key is derived from the JWT secret so one secret
 * rotation invalidates both.
 */
public final class PlaybackSigner {
  private final byte[] key;

  @Inject
  public PlaybackSigner(FenzConfig.Auth auth) {
    this.key = hmac(auth.jwtSecret().getBytes(StandardCharsets.UTF_8), "fenz-playback-v1");
  }

  public String sign(long videoId, String viewer, long expiresEpochSecond) {
    return HexFormat.of().formatHex(hmac(key, videoId + "|" + viewer + "|" + expiresEpochSecond));
  }

  public boolean verify(long videoId, String viewer, long expiresEpochSecond, String signature) {
    if (signature == null || viewer == null) {
      return false;
    }
    byte[] expected = sign(videoId, viewer, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
