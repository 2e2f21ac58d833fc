package io.fenz.identity.app;

import io.fenz.identity.domain.AccessClaims;
import io.fenz.identity.domain.TokenPair;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues an access token plus a rotating refresh token; only the refresh token's hash is stored.
 * The access token names its session (the refresh-token family) and the account's session
 * generation, so ending either ends the token at once. A rotation's new refresh token is derived
 * from the old one with a server secret, so a tab that presents the old token again moments later
 * can be handed the same successor.
 */
public final class SessionIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final AccessTokenCodec accessTokens;
  private final RefreshTokenStore refreshTokens;
  private final UserRepository users;
  private final FenzConfig.Auth auth;
  private final Clock clock;
  private final SecretKeySpec successorKey;

  @Inject
  public SessionIssuer(
      AccessTokenCodec accessTokens,
      RefreshTokenStore refreshTokens,
      UserRepository users,
      FenzConfig.Auth auth,
      Clock clock) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.auth = auth;
    this.clock = clock;
    this.successorKey =
        new SecretKeySpec(
            ("refresh-successor:" + auth.jwtSecret()).getBytes(StandardCharsets.UTF_8),
            "HmacSHA256");
  }

  /** Starts a new refresh-token family (a fresh login). */
  public TokenPair issue(User user) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return issue(
        user,
        UUID.randomUUID().toString(),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Continues {@code familyId} with the successor of {@code previousRefreshToken} (a rotation). */
  public TokenPair rotate(User user, String familyId, String previousRefreshToken) {
    return issue(user, familyId, successorOf(previousRefreshToken));
  }

  /**
   * A fresh access token for the session whose current refresh token is {@code refreshToken}
   * (stored already).
   */
  public TokenPair reissue(User user, String familyId, String refreshToken, Instant refreshExpiry) {
    Instant now = clock.instant();
    Instant accessExpiry = now.plus(auth.accessTokenTtl());
    String access = accessTokens.issue(claims(user, familyId), now, accessExpiry);
    return new TokenPair(access, accessExpiry, refreshToken, refreshExpiry);
  }

  private TokenPair issue(User user, String familyId, String refresh) {
    Instant now = clock.instant();
    Instant refreshExpiry = now.plus(auth.refreshTokenTtl());
    refreshTokens.save(user.id(), familyId, hash(refresh), now, refreshExpiry);
    return reissue(user, familyId, refresh, refreshExpiry);
  }

  private AccessClaims claims(User user, String familyId) {
    return new AccessClaims(user.id(), user.role(), familyId, users.sessionGeneration(user.id()));
  }

  String successorOf(String refreshToken) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(successorKey);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hash(String refreshToken) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(refreshToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
