package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.FenzHttpServer;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.testing.TestConfigs;
import io.fenz.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every series the Prometheus alert rules and the Grafana dashboard in deploy/ read is exported by
 * a running `fenz serve` or `fenz worker` (each on its own infrastructure, as in production), with
 * a number for a value and the exact label values the rules select.
 */
@WithFenzServices
class MetricsCoverageTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A series name, optionally with {labels}; a name followed by "(" is a function instead. */
  private static final Pattern SELECTOR =
      Pattern.compile(
          "(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{(?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})?(\\s*\\()?");

  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern EXACT_MATCHER = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
  private static final Set<String> KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "bool", "and", "or", "unless", "offset");

  /** Added by Prometheus itself (per target), not by any process. */
  private static final Set<String> SCRAPE_SERIES = Set.of("up");

  private static final Set<String> SCRAPE_LABELS = Set.of("job", "instance");

  private static Infrastructure serveInfra;
  private static Infrastructure workerInfra;
  private static FenzHttpServer server;
  private static Worker worker;
  private static WorkerEndpoint endpoint;
  private static TestEnvironment environment;

  @BeforeAll
  static void start(TestEnvironment services) throws Exception {
    environment = services;
    FenzConfig config = TestConfigs.config(services);
    serveInfra = Processes.open(config);
    server = Processes.startHttp(serveInfra, Processes.metrics(serveInfra));
    workerInfra = Processes.open(config);
    PrometheusMeterRegistry workerMetrics = Processes.metrics(workerInfra);
    worker = Processes.startWorker(workerInfra, workerMetrics);
    endpoint =
        WorkerEndpoint.start(config.http().host(), config.worker().metricsPort(), workerMetrics);
  }

  @AfterAll
  static void stop() {
    endpoint.close();
    worker.close();
    server.stop();
    workerInfra.close();
    serveInfra.close();
    TestConfigs.dropStream(environment);
  }

  @Test
  void everySeriesTheAlertsAndTheDashboardReadIsExported() throws Exception {
    List<String> expressions = new ArrayList<>();
    Map<String, Object> rules =
        new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml")));
    for (Object group : (List<?>) rules.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        expressions.add((String) ((Map<?, ?>) rule).get("expr"));
      }
    }
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/fenzvideo.json")));
    dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
    Map<String, List<Map<String, String>>> wanted = selectors(expressions);
    assertThat(wanted)
        .as("selectors found in %s", expressions)
        .containsKeys(
            "http_server_requests_seconds_count",
            "fenz_views_flush_lag_seconds",
            "fenz_outbox_lag_seconds",
            "fenz_payments_webhooks_total");

    // Request meters appear with the first request.
    scrape("http://127.0.0.1:" + server.port() + "/api/v1/tags");
    String served = scrape("http://127.0.0.1:" + server.port() + "/metrics");
    String workers = scrape("http://127.0.0.1:" + endpoint.port() + "/metrics");
    Map<String, List<String>> exported = series(served + "\n" + workers);
    List<String> missing = new ArrayList<>();
    wanted.forEach(
        (name, matchers) -> {
          List<String> lines = exported.getOrDefault(name, List.of());
          for (Map<String, String> labels : matchers) {
            String selector = name + labels;
            if (lines.stream().noneMatch(line -> hasLabels(line, labels))) {
              missing.add(selector);
            }
          }
          assertThat(lines)
              .as("%s has numbers for values", name)
              .allSatisfy(line -> assertThat(line).doesNotEndWith("NaN"));
        });
    assertThat(missing).as("series read in deploy/ that no process exports").isEmpty();
    // The series the issue names for the worker's side are the worker's own.
    assertThat(series(workers))
        .containsKeys(
            "fenz_views_flush_lag_seconds",
            "fenz_views_flushed_total",
            "fenz_outbox_lag_seconds",
            "fenz_outbox_waiting_rows",
            "fenz_events_consumer_lag_seconds_max",
            "jvm_memory_used_bytes");
  }

  @Test
  void theWorkerAnswersHealthChecks() throws Exception {
    HttpResponse<String> health =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/healthz"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok");
  }

  private static boolean hasLabels(String line, Map<String, String> labels) {
    return labels.entrySet().stream()
        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
  }

  /**
   * Metric name -> the exact label matchers of each selector naming it (scrape labels left out).
   */
  static Map<String, List<Map<String, String>>> selectors(List<String> expressions) {
    Map<String, List<Map<String, String>>> found = new LinkedHashMap<>();
    for (String expression : expressions) {
      String expr = GROUPING.matcher(expression).replaceAll(" ").replaceAll("\\[[^\\]]*\\]", "");
      Matcher m = SELECTOR.matcher(expr);
      while (m.find()) {
        String name = m.group(1);
        if (m.group(3) != null || KEYWORDS.contains(name) || SCRAPE_SERIES.contains(name)) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(2) != null) {
          Matcher exact = EXACT_MATCHER.matcher(m.group(2));
          while (exact.find()) {
            if (!SCRAPE_LABELS.contains(exact.group(1))) {
              labels.put(exact.group(1), exact.group(2));
            }
          }
        }
        found.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
      }
    }
    return found;
  }

  /** Series name -> its sample lines, from Prometheus text. */
  private static Map<String, List<String>> series(String text) {
    Map<String, List<String>> lines = new HashMap<>();
    text.lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(
            line ->
                lines.computeIfAbsent(line.split("[{ ]", 2)[0], n -> new ArrayList<>()).add(line));
    return lines;
  }

  private static String scrape(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }
}
