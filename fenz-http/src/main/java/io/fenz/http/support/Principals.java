package io.fenz.http.support;

import io.fenz.content.port.AdminCheck;
import io.fenz.identity.app.Authenticate;
import io.fenz.identity.domain.Principal;
import io.fenz.platform.error.FenzException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Optional;

/** Reads the caller from {@code Authorization: Bearer <token>}; the route table's gate. */
public final class Principals implements RouteTable.Gate {
  private static final String ATTRIBUTE = "fenz.principal";
  private final Authenticate authenticate;
  private final AdminCheck admins;

  @Inject
  public Principals(Authenticate authenticate, AdminCheck admins) {
    this.authenticate = authenticate;
    this.admins = admins;
  }

  /**
   * USER and ADMIN routes need a valid token of an active account; ADMIN routes also a current
   * administrator (read from the database, not the token). ANYONE routes read a sent token only
   * where they use one; SIGNATURE routes check their signature in the use case.
   */
  @Override
  public void check(Access access, Context ctx) {
    switch (access) {
      case USER -> require(ctx);
      case ADMIN -> {
        if (!admins.isAdmin(require(ctx).userId())) {
          throw FenzException.forbidden("admin_only", "Only administrators may do this.");
        }
      }
      case ANYONE, SIGNATURE -> {}
    }
  }

  /** The caller, or 401 when the header is missing or the token is bad. */
  public Principal require(Context ctx) {
    return optional(ctx)
        .orElseThrow(
            () -> FenzException.unauthenticated("authentication_required", "Sign in to do this."));
  }

  /**
   * The caller if a token is sent; a sent but invalid token is still a 401, never silently a guest.
   */
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
      throw FenzException.unauthenticated(
          "invalid_token", "Use 'Authorization: Bearer <accessToken>'.");
    }
    Principal principal = authenticate.execute(header.substring(7).strip());
    ctx.attribute(ATTRIBUTE, principal);
    return Optional.of(principal);
  }
}
