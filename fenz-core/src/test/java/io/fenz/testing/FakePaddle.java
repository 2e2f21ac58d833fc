package io.fenz.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-test Paddle Billing API on a random port, answering as Paddle's reference documents: {@code
 * {data, meta}} on success, {@code {error: {type, code, detail}}} otherwise. Scripted answers (429,
 * 5xx) are served first.
 */
public final class FakePaddle implements AutoCloseable {
  public record Request(String method, String path, String authorization, String body) {}

  private record Scripted(int status, String retryAfter, String body) {}

  private final HttpServer server;
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private final Map<String, String> entities = new ConcurrentHashMap<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();

  public FakePaddle() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next call gets this answer instead of the normal one. */
  public synchronized void script(int status, String retryAfter, String body) {
    scripted.add(new Scripted(status, retryAfter, body));
  }

  /** What GET /transactions/{id} or /subscriptions/{id} answers (the entity JSON). */
  public void put(String id, String entityJson) {
    entities.put(id, entityJson);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    Scripted next;
    synchronized (this) {
      next = scripted.poll();
    }
    if (next != null) {
      if (next.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
      }
      reply(exchange, next.status(), next.body());
      return;
    }
    String id = path.replaceAll("^/(transactions|subscriptions)/?([^/]*).*$", "$2");
    if (exchange.getRequestMethod().equals("POST") && path.equals("/transactions")) {
      String txn = "txn_01fake" + requests.size();
      reply(
          exchange,
          201,
          "{\"data\":"
              + PaddleFixtures.transaction(txn, "ready", 0, "TWD", "null", java.time.Instant.now())
              + "}");
    } else if (entities.containsKey(id)) {
      reply(
          exchange, 200, "{\"data\":" + entities.get(id) + ",\"meta\":{\"request_id\":\"req_1\"}}");
    } else {
      reply(
          exchange,
          404,
          "{\"error\":{\"type\":\"request_error\",\"code\":\"entity_not_found\",\"detail\":\"not found\"}}");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
