package io.fenz.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.http.routes.RouteGroup;
import io.fenz.http.support.JettyProblems;
import io.fenz.http.support.Problems;
import io.fenz.http.support.RequestTracing;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.SlowClients;
import io.fenz.http.support.UnreadBodies;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Javalin app: cross-cutting request handling here, routes in {@link RouteGroup}s. */
public final class FenzHttpServer {
  private static final Logger ACCESS_LOG = LoggerFactory.getLogger("fenz.access");
  private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final String REQUEST_ID_ATTRIBUTE = "fenz.requestId";
  private static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Accept-Language, X-Session-Id, X-Request-Id";
  private static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

  private final Javalin app;
  private RouteTable routeTable;

  public FenzHttpServer(
      FenzConfig config,
      List<RouteGroup> groups,
      PrometheusMeterRegistry metrics,
      ObjectMapper json,
      RouteTable.Gate gate) {
    FenzConfig.Http http = config.http();
    Set<String> corsOrigins = Set.copyOf(http.corsOrigins());
    this.app =
        Javalin.create(
            cfg -> {
              cfg.concurrency.useVirtualThreads = true;
              cfg.jsonMapper(new JavalinJackson(json, true));
              cfg.http.maxRequestSize = http.maxJsonBodyBytes();
              cfg.jetty.host = http.host();
              cfg.jetty.port = http.port();
              cfg.http.prefer405over404 = true;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems(json)));
              // Uploads stream multipart bodies themselves (MultipartFile): nothing is spooled to
              // disk.
              cfg.jetty.addConnector(
                  (server, httpConfig) ->
                      SlowClients.connector(server, httpConfig, http, config.limits()));
              cfg.startup.showJavalinBanner = false;
              byte[] indexHtml = serveFrontend(cfg, http);
              cfg.routes.before(
                  ctx -> {
                    RequestTracing.start(ctx);
                    String requestId = ctx.header("X-Request-Id");
                    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
                      requestId = UUID.randomUUID().toString();
                    }
                    ctx.attribute(REQUEST_ID_ATTRIBUTE, requestId);
                    ctx.header("X-Request-Id", requestId);
                    applyCors(ctx, corsOrigins);
                  });
              cfg.routes.after(UnreadBodies::settle);
              cfg.routes.exception(FenzException.class, Problems::fenz);
              cfg.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) -> {
                    if (e.getStatus() == 404 && isPageRequest(ctx)) {
                      // Client-side routes of the SPA (e.g. /videos/42) get the app shell; API
                      // paths get a problem.
                      ctx.status(200).contentType("text/html; charset=utf-8").result(indexHtml);
                    } else {
                      Problems.javalin(e, ctx);
                    }
                  });
              cfg.routes.exception(Exception.class, Problems::unexpected);
              cfg.requestLogger.http((ctx, ms) -> logRequest(ctx, ms, metrics));
              routeTable = new RouteTable(cfg.routes, gate);
              for (RouteGroup group : groups) {
                group.register(routeTable);
              }
            });
  }

  /**
   * Serves the built SPA (FENZ_PUBLIC_DIR) or the bundled placeholder; returns the app shell for
   * client-side routes.
   */
  private static byte[] serveFrontend(JavalinConfig cfg, FenzConfig.Http http) {
    try {
      if (http.publicDir() != null && Files.isRegularFile(http.publicDir().resolve("index.html"))) {
        cfg.staticFiles.add(http.publicDir().toString(), Location.EXTERNAL);
        return Files.readAllBytes(http.publicDir().resolve("index.html"));
      }
      cfg.staticFiles.add("/public", Location.CLASSPATH);
      try (var in = FenzHttpServer.class.getResourceAsStream("/public/index.html")) {
        return in.readAllBytes();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean isPageRequest(Context ctx) {
    String path = ctx.path();
    return ctx.method() == HandlerType.GET
        && !path.startsWith("/api/")
        && !path.equals("/healthz")
        && !path.equals("/readyz")
        && !path.equals("/metrics");
  }

  /** Browsers' preflights are answered here, before routing, for allowed origins only. */
  private static void applyCors(Context ctx, Set<String> allowedOrigins) {
    String origin = ctx.header("Origin");
    if (origin == null || !allowedOrigins.contains(origin)) {
      return;
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    ctx.header("Vary", "Origin");
    ctx.header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Location");
    if (ctx.method() == HandlerType.OPTIONS) {
      ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
      ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      ctx.skipRemainingHandlers();
    }
  }

  private static void logRequest(Context ctx, Float ms, PrometheusMeterRegistry metrics) {
    var endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    int status = ctx.status().getCode();
    if (ACCESS_LOG.isInfoEnabled()) {
      ACCESS_LOG.info(
          "{} {} {} {} {}ms rid={}",
          ctx.method().name(),
          ctx.path(),
          route,
          status,
          String.format("%.1f", ms),
          (Object) ctx.attribute(REQUEST_ID_ATTRIBUTE));
    }
    RequestTracing.end(ctx, route);
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(metrics)
        .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
  }

  public FenzHttpServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  public List<RouteTable.Route> documentedRoutes() {
    return routeTable.documented();
  }

  /** Every (method, path) Javalin will dispatch, for checking the OpenAPI document covers them. */
  public List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(
            e ->
                e.method != HandlerType.BEFORE
                    && e.method != HandlerType.AFTER
                    && e.method != HandlerType.BEFORE_MATCHED
                    && e.method != HandlerType.AFTER_MATCHED
                    && e.method != HandlerType.HEAD)
        .map(e -> e.method.name() + " " + e.path)
        .toList();
  }

  public void stop() {
    app.stop();
  }
}
