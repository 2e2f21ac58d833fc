package io.fenz.identity.app;

import io.fenz.identity.domain.Principal;
import io.fenz.identity.domain.TokenPair;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.identity.port.RefreshTokenStore;
import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** Issues an access token plus a rotating refresh token; only the refresh token's hash is stored. */
public final class SessionIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final AccessTokenCodec accessTokens;
  private final RefreshTokenStore refreshTokens;
  private final FenzConfig.Auth auth;
  private final Clock clock;

  @Inject
  public SessionIssuer(AccessTokenCodec accessTokens, RefreshTokenStore refreshTokens, FenzConfig.Auth auth, Clock clock) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.auth = auth;
    this.clock = clock;
  }

  /** Starts a new refresh-token family (a fresh login). */
  public TokenPair issue(User user) {
    return issue(user, UUID.randomUUID().toString());
  }

  /** Continues an existing family (a rotation). */
  public TokenPair issue(User user, String familyId) {
    Instant now = clock.instant();
    Instant accessExpiry = now.plus(auth.accessTokenTtl());
    Instant refreshExpiry = now.plus(auth.refreshTokenTtl());
    String access = accessTokens.issue(new Principal(user.id(), user.role()), now, accessExpiry);
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    refreshTokens.save(user.id(), familyId, hash(refresh), now, refreshExpiry);
    return new TokenPair(access, accessExpiry, refresh, refreshExpiry);
  }

  static String hash(String refreshToken) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
