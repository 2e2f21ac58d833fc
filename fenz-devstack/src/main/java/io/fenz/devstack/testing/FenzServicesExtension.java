package io.fenz.devstack.testing;

import io.fenz.devstack.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension behind {@link WithFenzServices}: gives each test class a {@link
 * TestEnvironment} on the shared {@link TestServices} (a fresh database, a Redis key prefix, an S3
 * bucket name and a NATS prefix) and removes the database and the prefixed Redis keys after the
 * class.
 *
 * <p>The environment lives in the class-level store, so classes running in parallel never share
 * one. A {@code @Nested} class shares its enclosing class's environment: JUnit runs the outer
 * class's lifecycle methods for nested tests too, and they must all see the same database. Created
 * on first need, which is {@code beforeAll} or, with {@code @TestInstance(PER_CLASS)}, the
 * constructor that runs before it.
 */
public final class FenzServicesExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final Logger LOG = LoggerFactory.getLogger(FenzServicesExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(FenzServicesExtension.class);
  private static final String KEY = "environment";

  @Override
  public void beforeAll(ExtensionContext context) {
    environment(
        context); // eagerly: a database problem should fail the class setup, not the first test
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() only looks at this class's own store: a @Nested class leaves its outer class's alone
    ClassEnvironment environment = context.getStore(NAMESPACE).remove(KEY, ClassEnvironment.class);
    if (environment != null) {
      environment.cleanUp();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestEnvironment.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    try {
      return environment(extensionContext).environment();
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("No TestEnvironment: " + e.getMessage(), e);
    }
  }

  /**
   * The environment of the test class of {@code context}, for another extension (one registered
   * after this one, e.g. an app started per class).
   */
  public static TestEnvironment environmentOf(ExtensionContext context) {
    return environment(context).environment();
  }

  private static ClassEnvironment environment(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get(); // method / invocation -> its class
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    // Store lookups fall back to the parent stores, so a @Nested class finds its outer class's
    // value.
    return classContext
        .getStore(NAMESPACE)
        .computeIfAbsent(
            KEY,
            key -> ClassEnvironment.create(TestServices.get(), testClass),
            ClassEnvironment.class);
  }

  /** A class's environment plus what is needed to remove it again. */
  record ClassEnvironment(TestEnvironment environment, String serverJdbcUrl) {

    private static final int MAX_ATTEMPTS = 3;
    private static final int ER_DB_CREATE_EXISTS = 1007;

    static ClassEnvironment create(TestServices services, Class<?> testClass) {
      String className =
          testClass.getSimpleName().isEmpty()
              ? "anonymous"
              : testClass.getSimpleName().toLowerCase(Locale.ROOT);
      for (int attempt = 1; ; attempt++) {
        // 6 hex digits: short enough to read in names, and a clash just means another attempt
        String token =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24)).substring(2);
        String database =
            "fenz_t_" + truncate(className.replaceAll("[^a-z0-9_]", "_"), 50) + "_" + token;
        try {
          createDatabase(services.jdbcUrl(), database);
        } catch (SQLException e) {
          if (e.getErrorCode() == ER_DB_CREATE_EXISTS && attempt < MAX_ATTEMPTS) {
            continue;
          }
          throw new IllegalStateException(
              "Cannot create test database "
                  + database
                  + " on "
                  + services.jdbcUrl()
                  + ": "
                  + e.getMessage(),
              e);
        }
        String bucketName =
            truncate(className.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""), 49);
        TestEnvironment environment =
            new TestEnvironment(
                JdbcUrls.withDatabase(services.jdbcUrl(), database),
                database,
                services.redisUrl(),
                "t:" + token + ":",
                services.natsUrl(),
                "T" + token.toUpperCase(Locale.ROOT),
                services.s3Endpoint(),
                services.s3AccessKey(),
                services.s3SecretKey(),
                "fenz-t-" + (bucketName.isEmpty() ? "x" : bucketName) + "-" + token);
        LOG.debug("{} gets {}", testClass.getName(), environment);
        return new ClassEnvironment(environment, services.jdbcUrl());
      }
    }

    private static String truncate(String s, int max) {
      return s.length() <= max ? s : s.substring(0, max);
    }

    private static void createDatabase(String serverJdbcUrl, String database) throws SQLException {
      try (Connection connection = DriverManager.getConnection(serverJdbcUrl);
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      }
    }

    /** Best effort: a leftover test database or key is not worth failing a green test class for. */
    void cleanUp() {
      try (Connection connection = DriverManager.getConnection(serverJdbcUrl);
          Statement statement = connection.createStatement()) {
        // A connection the test leaked while holding locks would otherwise block DROP for a year.
        statement.execute("SET SESSION lock_wait_timeout = 10");
        statement.execute("DROP DATABASE IF EXISTS `" + environment.databaseName() + "`");
      } catch (SQLException e) {
        LOG.warn("Could not drop test database {}: {}", environment.databaseName(), e.getMessage());
      }
      try (RespClient redis = RespClient.connect(environment.redisUrl())) {
        redis.deleteByPrefix(environment.redisKeyPrefix());
      } catch (Exception e) {
        LOG.warn(
            "Could not delete Redis keys {}*: {}", environment.redisKeyPrefix(), e.getMessage());
      }
    }
  }
}
