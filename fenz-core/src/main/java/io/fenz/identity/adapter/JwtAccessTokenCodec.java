package io.fenz.identity.adapter;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.fenz.identity.domain.AccessClaims;
import io.fenz.identity.domain.Role;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** HS256 access tokens. The verifier pins the algorithm, so alg=none or RS/HS confusion fails. */
public final class JwtAccessTokenCodec implements AccessTokenCodec {
  private static final String ISSUER = "fenz";
  private static final String TOKEN_TYPE = "access";
  private final Algorithm algorithm;
  private final JWTVerifier verifier;

  @Inject
  public JwtAccessTokenCodec(FenzConfig.Auth auth, Clock clock) {
    this.algorithm = Algorithm.HMAC256(auth.jwtSecret());
    this.verifier =
        ((JWTVerifier.BaseVerification)
                JWT.require(algorithm).withIssuer(ISSUER).withClaim("typ", TOKEN_TYPE))
            .build(clock);
  }

  @Override
  public String issue(AccessClaims claims, Instant issuedAt, Instant expiresAt) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(Long.toString(claims.userId()))
        .withClaim("role", claims.role().name())
        .withClaim("typ", TOKEN_TYPE)
        .withClaim("sid", claims.sessionId())
        .withClaim("gen", claims.generation())
        .withIssuedAt(Date.from(issuedAt))
        .withExpiresAt(Date.from(expiresAt))
        .sign(algorithm);
  }

  @Override
  public Optional<AccessClaims> verify(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    try {
      DecodedJWT jwt = verifier.verify(token);
      Long generation = jwt.getClaim("gen").asLong();
      return Optional.of(
          new AccessClaims(
              Long.parseLong(jwt.getSubject()),
              Role.valueOf(jwt.getClaim("role").asString()),
              jwt.getClaim("sid").asString(),
              generation == null ? 0 : generation));
    } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
