package io.fenz.http.support;

import io.fenz.content.domain.Viewer;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Locale;

/** The viewer of a request: the bearer token's user, else the guest's X-Session-Id (validated). */
public final class Viewers {
  public static final String SESSION_HEADER = "X-Session-Id";
  private final Principals principals;

  @Inject
  public Viewers(Principals principals) {
    this.principals = principals;
  }

  public Viewer of(Context ctx) {
    String session = Viewer.sessionId(ctx.header(SESSION_HEADER));
    return principals
        .optional(ctx)
        .map(p -> new Viewer(p.userId(), session))
        .orElseGet(() -> new Viewer(null, session));
  }

  /** "en" for English-preferring clients, else "zh-TW" (the default UI language). */
  public static String language(Context ctx) {
    String header = ctx.header("Accept-Language");
    return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("en")
        ? "en"
        : "zh-TW";
  }
}
