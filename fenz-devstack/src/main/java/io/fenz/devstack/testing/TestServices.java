package io.fenz.devstack.testing;

import io.fenz.devstack.Devstack;
import io.fenz.devstack.DevstackOptions;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared backing services of this test JVM. Each comes from an environment variable when set
 * (CI or a developer pointing tests at real servers), otherwise from one embedded {@link Devstack}
 * started on first use and stopped when the JVM exits:
 *
 * <ul>
 *   <li>{@code FENZ_TEST_DB_URL}: server-level JDBC URL, e.g. {@code
 *       jdbc:mariadb://127.0.0.1:3306/?user=root}
 *   <li>{@code FENZ_TEST_REDIS_URL}: e.g. {@code redis://127.0.0.1:6379}
 *   <li>{@code FENZ_TEST_S3_ENDPOINT} with {@code FENZ_TEST_S3_ACCESS_KEY} and {@code
 *       FENZ_TEST_S3_SECRET_KEY}
 *   <li>{@code FENZ_TEST_NATS_URL}: e.g. {@code nats://127.0.0.1:4222}; there is no embedded NATS,
 *       so {@link #natsUrl()} is {@code null} without it and NATS tests should be skipped
 * </ul>
 *
 * Tests normally get a per-class slice of these through {@link WithFenzServices} rather than using
 * this class directly.
 */
public final class TestServices {

  public static final String DB_URL = "FENZ_TEST_DB_URL";
  public static final String REDIS_URL = "FENZ_TEST_REDIS_URL";
  public static final String NATS_URL = "FENZ_TEST_NATS_URL";
  public static final String S3_ENDPOINT = "FENZ_TEST_S3_ENDPOINT";
  public static final String S3_ACCESS_KEY = "FENZ_TEST_S3_ACCESS_KEY";
  public static final String S3_SECRET_KEY = "FENZ_TEST_S3_SECRET_KEY";

  private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);

  private static TestServices instance;
  private static RuntimeException initFailure;

  private final String jdbcUrl;
  private final String redisUrl;
  private final String natsUrl;
  private final String s3Endpoint;
  private final String s3AccessKey;
  private final String s3SecretKey;
  private final Devstack embedded;

  private TestServices(
      String jdbcUrl,
      String redisUrl,
      String natsUrl,
      String s3Endpoint,
      String s3AccessKey,
      String s3SecretKey,
      Devstack embedded) {
    this.jdbcUrl = jdbcUrl;
    this.redisUrl = redisUrl;
    this.natsUrl = natsUrl;
    this.s3Endpoint = s3Endpoint;
    this.s3AccessKey = s3AccessKey;
    this.s3SecretKey = s3SecretKey;
    this.embedded = embedded;
  }

  /**
   * The services of this JVM, resolved (and embedded ones started) on the first call. A failure is
   * remembered and rethrown to later callers rather than retried: retrying a server that failed to
   * start would only make every test class wait for the same failure again.
   */
  public static synchronized TestServices get() {
    if (instance == null && initFailure == null) {
      try {
        instance = resolve(System.getenv(), Devstack::start);
        if (instance.embedded != null) {
          Devstack stack = instance.embedded;
          Runtime.getRuntime()
              .addShutdownHook(new Thread(stack::close, "fenz-test-services-shutdown"));
        }
      } catch (RuntimeException e) {
        initFailure =
            new IllegalStateException("Test services could not be set up: " + e.getMessage(), e);
      }
    }
    if (initFailure != null) {
      throw initFailure;
    }
    return instance;
  }

  /** Resolution without global state, for tests of this class. */
  static TestServices resolve(
      Map<String, String> env, Function<DevstackOptions, Devstack> starter) {
    String db = value(env, DB_URL);
    String redis = value(env, REDIS_URL);
    String s3 = value(env, S3_ENDPOINT);
    String s3Access = value(env, S3_ACCESS_KEY);
    String s3Secret = value(env, S3_SECRET_KEY);
    if (s3 != null && (s3Access == null || s3Secret == null)) {
      throw new IllegalStateException(
          S3_ENDPOINT + " is set, so " + S3_ACCESS_KEY + " and " + S3_SECRET_KEY + " must be too");
    }
    Devstack embedded = null;
    if (db == null || redis == null || s3 == null) {
      embedded = starter.apply(new DevstackOptions(null, db == null, redis == null, s3 == null));
      LOG.info(
          "Test services: {} embedded, {} from the environment",
          describe(db == null, redis == null, s3 == null),
          describe(db != null, redis != null, s3 != null));
    }
    return new TestServices(
        db != null ? db : embedded.jdbcUrl(),
        redis != null ? redis : embedded.redisUrl(),
        value(env, NATS_URL),
        s3 != null ? s3 : embedded.s3Endpoint(),
        s3 != null ? s3Access : embedded.s3AccessKey(),
        s3 != null ? s3Secret : embedded.s3SecretKey(),
        embedded);
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String describe(boolean db, boolean redis, boolean s3) {
    String names = (db ? "database " : "") + (redis ? "redis " : "") + (s3 ? "s3 " : "");
    return names.isEmpty() ? "nothing" : "[" + names.trim() + "]";
  }

  /** Server-level JDBC URL (no database); see {@link io.fenz.devstack.JdbcUrls#withDatabase}. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String redisUrl() {
    return redisUrl;
  }

  /** {@code null} when {@code FENZ_TEST_NATS_URL} is not set. */
  public String natsUrl() {
    return natsUrl;
  }

  public String s3Endpoint() {
    return s3Endpoint;
  }

  public String s3AccessKey() {
    return s3AccessKey;
  }

  public String s3SecretKey() {
    return s3SecretKey;
  }

  @Override
  public String toString() {
    return "TestServices[db="
        + jdbcUrl
        + ", redis="
        + redisUrl
        + ", nats="
        + natsUrl
        + ", s3="
        + s3Endpoint
        + "]";
  }
}
