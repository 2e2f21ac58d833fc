package io.fenz.http.routes;

import io.fenz.http.support.OpenApi;
import io.fenz.http.support.RouteTable;
import io.fenz.platform.health.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import java.util.Map;

/** Liveness, readiness, metrics and the OpenAPI document, at the site root. */
public final class SystemRoutes implements RouteGroup {
  public record Health(String status) {}

  public record ReadinessView(
      String status, Map<String, String> checks, Map<String, String> details) {}

  private final Readiness readiness;
  private final PrometheusMeterRegistry metrics;

  @Inject
  public SystemRoutes(Readiness readiness, PrometheusMeterRegistry metrics) {
    this.readiness = readiness;
    this.metrics = metrics;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("system");
    routes
        .get("/healthz")
        .summary("Liveness: the process answers")
        .response(Health.class)
        .handle(ctx -> ctx.json(new Health("ok")));
    routes
        .get("/readyz")
        .summary("Readiness: database, Redis, S3 and NATS (when configured) answer")
        .response(ReadinessView.class)
        .errors("not_ready")
        .handle(
            ctx -> {
              Readiness.Report report = readiness.check();
              ctx.status(report.ready() ? 200 : 503)
                  .json(
                      new ReadinessView(
                          report.ready() ? "ready" : "not_ready",
                          report.checks(),
                          report.details()));
            });
    routes
        .get("/metrics")
        .summary("Prometheus metrics (text exposition format)")
        .handle(
            ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
    routes
        .get("/api/openapi.json")
        .summary("This OpenAPI document")
        .handle(ctx -> ctx.json(OpenApi.document(routes.documented(), "1")));
  }
}
