package io.fenz.identity.app;

import io.fenz.identity.domain.Principal;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;

/** Turns a bearer token into a principal, or fails with 401. Stateless: no database read. */
public final class Authenticate {
  private final AccessTokenCodec accessTokens;

  @Inject
  public Authenticate(AccessTokenCodec accessTokens) {
    this.accessTokens = accessTokens;
  }

  public Principal execute(String bearerToken) {
    return accessTokens.verify(bearerToken)
        .orElseThrow(() -> FenzException.unauthenticated("invalid_token", "The access token is invalid or expired."));
  }
}
