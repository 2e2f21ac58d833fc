package io.fenz.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FenzConfigTest {
  static Map<String, String> valid() {
    Map<String, String> env = new HashMap<>();
    env.put("FENZ_DB_URL", "jdbc:mariadb://127.0.0.1:3306/fenz?user=fenz");
    env.put("FENZ_REDIS_URL", "redis://127.0.0.1:6379");
    env.put("FENZ_S3_ENDPOINT", "http://127.0.0.1:9000");
    env.put("FENZ_S3_ACCESS_KEY", "minio");
    env.put("FENZ_S3_SECRET_KEY", "super-secret-s3-key");
    env.put("FENZ_JWT_SECRET", "jwt-secret-jwt-secret-jwt-secret-42");
    return env;
  }

  @Test
  void defaultsApplyWhenOnlyRequiredValuesAreSet() {
    FenzConfig config = FenzConfig.load(valid());
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.dataDir().toString()).endsWith(".fenz-data");
    assertThat(config.auth().accessTokenTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(config.auth().refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(config.auth().bcryptCost()).isEqualTo(12);
    assertThat(config.natsUrl()).isNull();
    assertThat(config.search())
        .isEqualTo(
            new FenzConfig.Search(true, Duration.ofSeconds(1), 10_000, 2, Duration.ofSeconds(2)));
  }

  @Test
  void theFeedCopiesBoundFollowsTheHeapUnlessSet() {
    assertThat(FenzConfig.load(valid()).feed().localCopies())
        .isEqualTo(FenzConfig.Feed.copiesFor(Runtime.getRuntime().maxMemory()));
    assertThat(FenzConfig.Feed.copiesFor(6L << 30)).as("6 GiB").isEqualTo(6_442_450);
    assertThat(FenzConfig.Feed.copiesFor(1152L << 20)).as("1,152 MiB").isEqualTo(1_207_959);
    assertThat(FenzConfig.Feed.copiesFor(8L << 20)).as("a floor").isEqualTo(10_000);
    Map<String, String> env = valid();
    env.put("FENZ_FEED_LOCAL_COPIES", "0");
    assertThat(FenzConfig.load(env).feed().localCopies()).isZero();
  }

  @Test
  void durationsAndSizesAcceptShortForms() {
    Map<String, String> env = valid();
    env.put("FENZ_ACCESS_TOKEN_TTL", "15m");
    env.put("FENZ_REFRESH_TOKEN_TTL", "P30D");
    env.put("FENZ_MAX_JSON_BODY", "64k");
    FenzConfig config = FenzConfig.load(env);
    assertThat(config.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.auth().refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(config.http().maxJsonBodyBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void eachBadValueFailsWithOneLineNamingTheVariable() {
    Map<String, Map.Entry<String, String>> cases =
        Map.of(
            "FENZ_HTTP_PORT", Map.entry("FENZ_HTTP_PORT", "eighty"),
            "FENZ_BCRYPT_COST", Map.entry("FENZ_BCRYPT_COST", "99"),
            "FENZ_REDIS_URL", Map.entry("FENZ_REDIS_URL", "http://localhost"),
            "FENZ_JWT_SECRET", Map.entry("FENZ_JWT_SECRET", "short"),
            "FENZ_ACCESS_TOKEN_TTL", Map.entry("FENZ_ACCESS_TOKEN_TTL", "soon"),
            "FENZ_DB_URL", Map.entry("FENZ_DB_URL", "jdbc:postgresql://x/y"),
            "FENZ_NATS_URL", Map.entry("FENZ_NATS_URL", "nats//nohost"),
            "FENZ_SEARCH_ENGINE", Map.entry("FENZ_SEARCH_ENGINE", "opensearch"),
            "FENZ_SEARCH_CATCH_UP", Map.entry("FENZ_SEARCH_CATCH_UP", "often"),
            "FENZ_DB_POOL_WAIT", Map.entry("FENZ_DB_POOL_WAIT", "100ms"));
    cases.forEach(
        (name, entry) -> {
          Map<String, String> env = valid();
          env.put(entry.getKey(), entry.getValue());
          assertThatThrownBy(() -> FenzConfig.load(env))
              .as(name)
              .isInstanceOf(ConfigException.class)
              .hasMessageStartingWith(name)
              .hasMessageNotContaining("\n");
        });
  }

  @Test
  void theEventAckWaitDefaultsToAMinuteAndStaysBetweenASecondAndAnHour() {
    assertThat(FenzConfig.load(valid()).events().ackWait()).isEqualTo(Duration.ofSeconds(60));
    Map<String, String> env = valid();
    env.put("FENZ_EVENT_ACK_WAIT", "5s");
    assertThat(FenzConfig.load(env).events().ackWait()).isEqualTo(Duration.ofSeconds(5));
    for (String bad : new String[] {"500ms", "2h", "soon"}) {
      env.put("FENZ_EVENT_ACK_WAIT", bad);
      assertThatThrownBy(() -> FenzConfig.load(env))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("FENZ_EVENT_ACK_WAIT");
    }
  }

  @Test
  void theFulltextTimeoutIsWholeSecondsUpToAnHour() {
    Map<String, String> env = valid();
    env.put("FENZ_SEARCH_FULLTEXT_TIMEOUT", "5s");
    assertThat(FenzConfig.load(env).search().fulltextTimeout()).isEqualTo(Duration.ofSeconds(5));
    for (String bad : new String[] {"1500ms", "500ms", "0s", "2h", "soon"}) {
      env.put("FENZ_SEARCH_FULLTEXT_TIMEOUT", bad);
      assertThatThrownBy(() -> FenzConfig.load(env))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("FENZ_SEARCH_FULLTEXT_TIMEOUT");
    }
  }

  @Test
  void missingRequiredValueIsNamed() {
    Map<String, String> env = valid();
    env.remove("FENZ_S3_ENDPOINT");
    assertThatThrownBy(() -> FenzConfig.load(env))
        .hasMessageStartingWith("FENZ_S3_ENDPOINT is required");
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() {
    FenzConfig config = FenzConfig.load(valid());
    assertThat(config.toString())
        .doesNotContain("super-secret-s3-key")
        .doesNotContain("jwt-secret-jwt-secret");
    Map<String, String> env = valid();
    env.put("FENZ_JWT_SECRET", "tiny-secret");
    assertThatThrownBy(() -> FenzConfig.load(env)).hasMessageNotContaining("tiny-secret");
  }
}
