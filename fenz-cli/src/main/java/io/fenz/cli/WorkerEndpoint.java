package io.fenz.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The worker's only HTTP surface, for Prometheus and health checks: {@code GET /metrics} (the
 * process's one registry, Prometheus text) and {@code GET /healthz} ({@code ok} while the JVM
 * runs). The worker takes no requests from users, so the JDK's small server is enough.
 */
final class WorkerEndpoint implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;

  private WorkerEndpoint(HttpServer server) {
    this.server = server;
  }

  static WorkerEndpoint start(String host, int port, PrometheusMeterRegistry metrics)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/metrics", exchange -> answer(exchange, PROMETHEUS_TEXT, metrics.scrape()));
    server.createContext(
        "/healthz", exchange -> answer(exchange, "text/plain; charset=utf-8", "ok"));
    server.start();
    return new WorkerEndpoint(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, String type, String body) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
  }
}
