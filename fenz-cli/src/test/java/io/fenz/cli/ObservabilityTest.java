package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.FenzHttpServer;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.testing.TestConfigs;
import io.fenz.worker.Worker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request's trace reaches an OTLP receiver with its SQL and S3 spans; its log lines and /metrics
 * carry what operators need.
 */
@WithFenzServices
class ObservabilityTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String READY_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String PUBLISH_TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String PUBLISHED = "fenz.content.video_published";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<byte[]> RECEIVED = new CopyOnWriteArrayList<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HttpServer receiver;
  private static OpenTelemetrySdk telemetry;
  private static Infrastructure infra;
  private static FenzHttpServer server;
  private static Worker worker;
  private static Map<String, String> env;
  private static TestEnvironment environment;

  @BeforeAll
  static void start(TestEnvironment services) throws Exception {
    environment = services;
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/v1/traces",
        exchange -> {
          RECEIVED.add(exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    env = new java.util.HashMap<>(TestConfigs.environment(services));
    env.put(Telemetry.ENDPOINT, "http://127.0.0.1:" + receiver.getAddress().getPort());
    env.put("FENZ_LOGIN_MAX_FAILURES", "2");
    telemetry = Telemetry.install(env, "serve");
    infra = Processes.open(FenzConfig.load(env));
    server = Processes.startHttp(infra, Processes.metrics(infra));
    worker = Processes.startWorker(infra, new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    worker.close();
    server.stop();
    infra.close();
    TestConfigs.dropStream(environment);
    telemetry.close();
    receiver.stop(0);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder at(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  @Test
  void aRequestsTraceReachesTheCollectorWithItsDatabaseAndStorageSpansAndItsLogLine()
      throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("fenz.access");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    access.addAppender(lines);
    access.setLevel(Level.INFO);
    try {
      assertThat(
              send(at("/api/v1/tags").header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              send(at("/readyz")
                      .header("traceparent", "00-" + READY_TRACE + "-00f067aa0ba902b7-01"))
                  .statusCode())
          .isEqualTo(200);
    } finally {
      access.detachAppender(lines);
    }
    assertThat(lines.list)
        .anySatisfy(
            line -> {
              assertThat(line.getFormattedMessage()).contains("/api/v1/tags");
              assertThat(line.getMDCPropertyMap()).containsEntry("trace_id", TRACE);
            });

    telemetry.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    String exported =
        new String(
            String.join(
                "",
                RECEIVED.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList()));
    assertThat(exported)
        .contains(new String(HexFormat.of().parseHex(TRACE), StandardCharsets.ISO_8859_1))
        .contains(new String(HexFormat.of().parseHex(READY_TRACE), StandardCharsets.ISO_8859_1))
        .contains("GET /api/v1/tags")
        .contains("db SELECT")
        .contains("SELECT")
        .contains("s3 ")
        .contains("fenzvideo");
  }

  /**
   * Publishing a video: the request's server span, its use case, its SQL and Redis calls, then the
   * relay's producer span and the notification consumer's span all carry the request's trace id.
   */
  @Test
  void aPublishRequestsTraceReachesRedisTheUseCaseAndTheEventsConsumer() throws Exception {
    JsonNode registered =
        json(
            send(
                at("/api/v1/auth/register")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            JSON.writeValueAsString(
                                Map.of(
                                    "email", "tracer@example.com",
                                    "password", "tracer password",
                                    "displayName", "追蹤者"))))),
            201);
    String token = "Bearer " + registered.get("accessToken").asText();
    long tag = json(send(at("/api/v1/tags")), 200).get("items").get(0).get("id").asLong();
    byte[] clip;
    try (var in = ObservabilityTest.class.getResourceAsStream("/io/fenz/seed/demo-clip.mp4")) {
      clip = in.readAllBytes();
    }
    String key =
        json(
                send(
                    at("/api/v1/upload/video")
                        .header("Authorization", token)
                        .header("Content-Type", "video/mp4")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(clip))),
                201)
            .get("key")
            .asText();
    long video =
        json(
                send(
                    at("/api/v1/videos")
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(
                                    Map.of(
                                        "title",
                                        "追蹤發佈",
                                        "description",
                                        "trace me",
                                        "tagIds",
                                        List.of(tag),
                                        "accessTier",
                                        0,
                                        "videoKey",
                                        key))))),
                201)
            .get("id")
            .asLong();

    json(
        send(
            at("/api/v1/videos/" + video + "/toggle-publish")
                .header("Authorization", token)
                .header("traceparent", "00-" + PUBLISH_TRACE + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.noBody())),
        200);

    List<OtlpSpans.Span> trace = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      telemetry.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      trace =
          OtlpSpans.read(RECEIVED).stream().filter(s -> s.traceId().equals(PUBLISH_TRACE)).toList();
      if (trace.stream().anyMatch(s -> s.kind() == OtlpSpans.CONSUMER)) {
        break;
      }
      Thread.sleep(200);
    }
    List<String> names = trace.stream().map(s -> s.kind() + " " + s.name()).toList();
    assertThat(trace)
        .as("spans of the publish trace: %s", names)
        .anySatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(OtlpSpans.SERVER);
              assertThat(s.name()).contains("toggle-publish");
            })
        .anySatisfy(s -> assertThat(s.name()).isEqualTo("TogglePublish"))
        .anySatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(OtlpSpans.CLIENT);
              assertThat(s.name()).startsWith("redis ");
            })
        .anySatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(OtlpSpans.CLIENT);
              assertThat(s.name()).startsWith("db ");
            });
    OtlpSpans.Span published =
        trace.stream()
            .filter(s -> s.kind() == OtlpSpans.PRODUCER && s.name().equals("publish " + PUBLISHED))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no producer span in " + names));
    assertThat(trace)
        .as("the notification consumer continues the producer's span: %s", names)
        .anySatisfy(
            s -> {
              assertThat(s.kind()).isEqualTo(OtlpSpans.CONSUMER);
              assertThat(s.name()).isEqualTo("process " + PUBLISHED);
              assertThat(s.parentId()).isEqualTo(published.spanId());
            });
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  @Test
  void metricsCarryRedPerRouteJvmPoolsDiskAndLoginThrottling() throws Exception {
    send(at("/api/v1/tags"));
    String login = "{\"email\":\"nobody@example.com\",\"password\":\"wrong password\"}";
    int lastStatus = 0;
    for (int i = 0; i < 4; i++) {
      lastStatus =
          send(at("/api/v1/auth/login")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(login)))
              .statusCode();
    }
    assertThat(lastStatus).isEqualTo(429);
    String metrics = send(at("/metrics")).body();
    assertThat(metrics)
        .containsPattern(
            "http_server_requests_seconds_bucket\\{.*route=\"/api/v1/tags\".*status=\"200\"")
        .containsPattern(
            "http_server_requests_seconds_count\\{.*route=\"/api/v1/auth/login\".*status=\"429\"")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("jvm_threads_live_threads")
        .contains("process_uptime_seconds")
        .contains("hikaricp_connections_active{")
        .contains("hikaricp_connections_pending{")
        .contains("commons_pool2_num_active_objects{")
        .contains("disk_free_bytes{");
  }

  @Test
  void theJsonLogFormatWritesOneObjectPerLineWithTheMdc() throws Exception {
    Map<String, String> json = new java.util.HashMap<>(env);
    json.put("FENZ_LOG_FORMAT", "json");
    json.remove(Telemetry.ENDPOINT);
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
            "-cp",
            System.getProperty("java.class.path"),
            FenzCommand.class.getName(),
            "admin",
            "rebuild-cache");
    builder.environment().clear();
    builder.environment().putAll(json);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(
            output
                .lines()
                .filter(
                    l ->
                        l.startsWith("{")
                            && l.contains("\"level\":\"INFO\"")
                            && l.contains("infrastructure closed")))
        .as(output)
        .isNotEmpty();
  }
}
