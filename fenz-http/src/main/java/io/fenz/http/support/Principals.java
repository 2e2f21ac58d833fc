package io.fenz.http.support;

import io.fenz.identity.app.Authenticate;
import io.fenz.identity.domain.Principal;
import io.fenz.platform.error.FenzException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Optional;

/** Reads the caller from {@code Authorization: Bearer <token>}. */
public final class Principals {
  private static final String ATTRIBUTE = "fenz.principal";
  private final Authenticate authenticate;

  @Inject
  public Principals(Authenticate authenticate) {
    this.authenticate = authenticate;
  }

  /** The caller, or 401 when the header is missing or the token is bad. */
  public Principal require(Context ctx) {
    return optional(ctx).orElseThrow(() -> FenzException.unauthenticated("authentication_required", "Sign in to do this."));
  }

  /** The caller if a token is sent; a sent but invalid token is still a 401, never silently a guest. */
  public Optional<Principal> optional(Context ctx) {
    Principal cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return Optional.of(cached);
    }
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw FenzException.unauthenticated("invalid_token", "Use 'Authorization: Bearer <accessToken>'.");
    }
    Principal principal = authenticate.execute(header.substring(7).strip());
    ctx.attribute(ATTRIBUTE, principal);
    return Optional.of(principal);
  }
}
