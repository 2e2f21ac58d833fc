package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine here: the compose file, Dockerfile and their config files are checked
 * by reading them.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> SERVICES =
      List.of(
          "mysql",
          "redis",
          "minio",
          "minio-init",
          "nats",
          "app1",
          "app2",
          "worker",
          "proxy",
          "jaeger",
          "prometheus",
          "grafana");
  private static final List<String> FENZ_PROCESSES = List.of("app1", "app2", "worker");

  /** G1 marks the old generation once it is three quarters full (docs/performance.md). */
  private static final String GC_OPTIONS =
      "-XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75";

  private static Map<String, Map<String, Object>> services;
  private static String compose;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    compose = Files.readString(ROOT.resolve("docker-compose.yaml"));
    Map<String, Object> document = new Yaml().load(compose);
    services = (Map<String, Map<String, Object>>) document.get("services");
  }

  @Test
  void theStackHasEveryServiceWithPinnedImagesAndHealthchecks() {
    assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    services.forEach(
        (name, service) -> {
          String image = (String) service.get("image");
          assertThat(image)
              .as(name)
              .isNotNull()
              .doesNotEndWith(":latest")
              .matches(".+:[^:]*\\d[^:]*");
          if (!name.equals("minio-init")) {
            assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
            assertThat(((Map<?, ?>) service.get("healthcheck")).get("test")).as(name).isNotNull();
          }
        });
    assertThat(services.get("app1").get("command")).isEqualTo(List.of("serve"));
    assertThat(services.get("app2").get("command")).isEqualTo(List.of("serve"));
    assertThat(services.get("worker").get("command")).isEqualTo(List.of("worker"));
  }

  /** docs/performance.md: 1.5 GB per HTTP node holds every feed card of a million videos. */
  @Test
  void eachHttpNodeRunsInTheMemoryItsHeapAndFeedCopiesAreSizedFor() {
    for (String app : List.of("app1", "app2")) {
      assertThat(services.get(app))
          .as(app)
          .containsEntry("mem_limit", "${FENZ_NODE_MEMORY:-1536m}");
    }
    assertThat(read("Dockerfile"))
        .contains(
            "\"-XX:MaxRAMPercentage=75\", \"-XX:-G1UseAdaptiveIHOP\","
                + " \"-XX:InitiatingHeapOccupancyPercent=75\", \"-jar\"");
    assertThat(read("deploy/systemd/fenz-serve.service"))
        .contains("java -Xmx1152m " + GC_OPTIONS + " -jar");
  }

  /** The benches start a node with the deploy files' heap and GC, or they measure another JVM. */
  @Test
  void benchesRunANodeWithTheDeployFilesHeapAndGc() {
    assertThat(read("bench/lib.sh"))
        .contains("HEAP=${HEAP:-1152m}")
        .contains("GC_OPTS=${GC_OPTS:-" + GC_OPTIONS + "}");
  }

  @Test
  void onlyTheProxyFacesTheNetworkAndConsolesListenOnLoopback() {
    assertThat(services.get("proxy").get("ports")).isEqualTo(List.of("80:80", "443:443"));
    for (String app : FENZ_PROCESSES) {
      assertThat(services.get(app)).as(app).doesNotContainKey("ports");
    }
    for (String console : List.of("grafana", "jaeger", "prometheus", "minio")) {
      assertThat((List<?>) services.get(console).get("ports"))
          .as(console)
          .allSatisfy(p -> assertThat(p.toString()).startsWith("127.0.0.1:"));
    }
    String caddy = read("deploy/caddy/Caddyfile");
    assertThat(caddy)
        .contains("reverse_proxy app1:8080 app2:8080")
        .contains("health_uri /readyz")
        .contains("{$FENZ_SITE_ADDRESS}");
  }

  @Test
  void dataServicesKeepTheirDataTheWayTheAppNeeds() {
    assertThat(services.get("mysql").get("image").toString()).startsWith("mysql:8.");
    assertThat(services.get("mysql").get("command").toString())
        .contains("--character-set-server=utf8mb4");
    assertThat(services.get("redis").get("image").toString()).startsWith("redis:7.");
    assertThat(services.get("redis").get("command").toString()).contains("--appendonly, yes");
    assertThat(services.get("nats").get("command").toString()).contains("-js").contains("/data");
    assertThat(services.get("nats").get("volumes").toString()).contains("nats-data:/data");
    assertThat(services.get("minio-init").get("command").toString())
        .contains("mc mb --ignore-existing");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyProcessGetsEveryVariableFenzConfigReads() throws IOException {
    Set<String> known = new TreeSet<>();
    Matcher m =
        Pattern.compile("\"(FENZ_[A-Z0-9_]+)\"")
            .matcher(read("fenz-core/src/main/java/io/fenz/platform/config/FenzConfig.java"));
    while (m.find()) {
      known.add(m.group(1));
    }
    assertThat(known).hasSizeGreaterThan(30).contains("FENZ_DB_URL", "FENZ_JWT_SECRET");
    for (String app : FENZ_PROCESSES) {
      Map<String, Object> environment = (Map<String, Object>) services.get(app).get("environment");
      assertThat(environment.keySet()).as(app).containsAll(known);
      assertThat(environment)
          .as(app)
          .containsEntry("FENZ_NATS_URL", "nats://nats:4222")
          .containsKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    }
  }

  @Test
  void everyVariableComposeReadsIsExplainedInTheExampleWithoutSecrets() {
    String example = read(".env.example");
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(compose);
    Set<String> used = new TreeSet<>();
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).contains("MYSQL_PASSWORD", "FENZ_JWT_SECRET", "GRAFANA_ADMIN_PASSWORD");
    for (String variable : used) {
      assertThat(example).as(variable).containsPattern("(?m)^" + variable + "=");
    }
    for (String secret :
        List.of(
            "MYSQL_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "MINIO_ROOT_PASSWORD",
            "FENZ_JWT_SECRET",
            "GRAFANA_ADMIN_PASSWORD")) {
      assertThat(example)
          .as(secret + " has no value in the example")
          .containsPattern("(?m)^" + secret + "=$");
      assertThat(compose).as(secret + " has no default in compose").contains("${" + secret + ":?");
    }
  }

  @Test
  void prometheusScrapesBothReplicasWithAlertsAndGrafanaIsProvisioned() throws IOException {
    Map<String, Object> prometheus = new Yaml().load(read("deploy/prometheus/prometheus.yml"));
    assertThat(prometheus.toString())
        .contains("app1:8080")
        .contains("app2:8080")
        .contains("worker:9091")
        .contains("alerts.yml");
    String alerts = read("deploy/prometheus/alerts.yml");
    Map<String, Object> rules = new Yaml().load(alerts);
    assertThat(rules).containsKey("groups");
    assertThat(alerts)
        .contains("status=~\"5..\"")
        .contains("histogram_quantile(0.99")
        .contains("fenz_views_flush_lag_seconds")
        .contains("fenz_outbox_lag_seconds")
        .contains("fenz_payments_webhooks_total{outcome=\"invalid_signature\"}")
        .contains("disk_free_bytes");
    assertThat(read("deploy/grafana/provisioning/datasources/prometheus.yml"))
        .contains("http://prometheus:9090");
    JsonNode dashboard =
        new ObjectMapper().readTree(read("deploy/grafana/dashboards/fenzvideo.json"));
    assertThat(dashboard.get("uid").asText()).isEqualTo("fenzvideo");
    assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(10);
    assertThat(dashboard.toString())
        .contains("http_server_requests_seconds_bucket")
        .contains("hikaricp_connections_active")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void theImageIsPinnedNonRootAndHealthChecked() {
    String dockerfile = read("Dockerfile");
    Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
    int images = 0;
    while (from.find()) {
      images++;
      assertThat(from.group(1)).matches(".+:\\d[^:]*").doesNotContain("latest");
    }
    assertThat(images).isEqualTo(2);
    assertThat(dockerfile)
        .contains("EXPOSE 8080")
        .contains("HEALTHCHECK")
        .contains("/readyz")
        .containsPattern("(?m)^USER 10001$")
        .contains("\"-jar\", \"/app/fenz.jar\"");
    assertThat(read("deploy/systemd/fenz-serve.service"))
        .contains("fenz.jar serve")
        .contains("EnvironmentFile=/etc/fenz/fenz.env");
    assertThat(read("deploy/systemd/fenz-worker.service"))
        .contains("fenz.jar worker")
        .contains("EnvironmentFile=/etc/fenz/fenz.env");
    assertThat(read(".gitea/workflows/ci.yaml"))
        .contains(".ci/run")
        .contains("docker/build-push-action");
  }

  private static String read(String path) {
    try {
      return Files.readString(ROOT.resolve(path));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path, e);
    }
  }
}
