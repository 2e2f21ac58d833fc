package io.fenz.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import redis.clients.jedis.Jedis;

/**
 * Runs small {@code @WithFenzServices} classes (the static nested ones below, which Surefire does
 * not pick up by itself) through the JUnit engine and checks what the extension did before, during
 * and after them.
 */
class FenzServicesExtensionTest {

  /** What the classes under test saw, by class name. */
  static final Map<String, TestEnvironment> SEEN = new ConcurrentHashMap<>();

  @Test
  void eachClassGetsItsOwnDatabaseWhichExistsDuringTheClassAndIsRemovedAfterIt() throws Exception {
    run(FirstClass.class, SecondClass.class)
        .assertStatistics(stats -> stats.started(2).succeeded(2));

    TestEnvironment first = SEEN.get("FirstClass");
    TestEnvironment second = SEEN.get("SecondClass");
    assertThat(first.databaseName())
        .matches("fenz_t_firstclass_[0-9a-f]{6}")
        .isNotEqualTo(second.databaseName());
    assertThat(first.jdbcUrl()).contains("/" + first.databaseName());
    assertThat(first.redisKeyPrefix())
        .matches("t:[0-9a-f]{6}:")
        .isNotEqualTo(second.redisKeyPrefix());
    assertThat(first.s3Bucket())
        .matches("fenz-t-firstclass-[0-9a-f]{6}")
        .isNotEqualTo(second.s3Bucket());
    assertThat(first.natsStreamPrefix())
        .matches("T[0-9A-F]{6}")
        .isNotEqualTo(second.natsStreamPrefix());
    assertThat(first.s3Endpoint()).isEqualTo(TestServices.get().s3Endpoint());

    for (TestEnvironment env : new TestEnvironment[] {first, second}) {
      assertThat(databaseExists(env.databaseName())).as("%s dropped", env.databaseName()).isFalse();
      try (Jedis jedis = new Jedis(URI.create(env.redisUrl()))) {
        assertThat(jedis.keys(env.redisKeyPrefix() + "*"))
            .as("keys of %s", env.redisKeyPrefix())
            .isEmpty();
      }
    }
  }

  @Test
  void nestedClassesShareTheEnvironmentOfTheirEnclosingClass() throws Exception {
    run(OuterClass.class).assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(SEEN.get("OuterClass.Inner")).isEqualTo(SEEN.get("OuterClass"));
    assertThat(databaseExists(SEEN.get("OuterClass").databaseName())).isFalse();
  }

  @Test
  void perClassInstancesGetTheEnvironmentInTheConstructorAndLifecycleMethods() throws Exception {
    run(PerClassLifecycle.class).assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(databaseExists(SEEN.get("PerClassLifecycle").databaseName())).isFalse();
  }

  private static Events run(Class<?>... classes) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    Events events = request.execute().testEvents();
    if (events.failed().count() > 0) {
      events
          .failed()
          .debug(); // the inner tests' failures end up in the output; a passing run stays quiet
    }
    return events;
  }

  static boolean databaseExists(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(TestServices.get().jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                    + name
                    + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  /** Checks, from inside a test class, that its database and Redis prefix are usable. */
  static void useEnvironment(String who, TestEnvironment env) throws Exception {
    SEEN.put(who, env);
    assertThat(databaseExists(env.databaseName())).isTrue();
    try (Connection c = DriverManager.getConnection(env.jdbcUrl());
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT DATABASE(), @@character_set_database, @@collation_database")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(env.databaseName());
        assertThat(rs.getString(2)).isEqualTo("utf8mb4");
        assertThat(rs.getString(3)).isEqualTo("utf8mb4_unicode_ci");
      }
      s.execute("CREATE TABLE IF NOT EXISTS marker (id INT PRIMARY KEY)");
    }
    try (Jedis jedis = new Jedis(URI.create(env.redisUrl()))) {
      jedis.set(env.redisKeyPrefix() + who, "was here");
    }
  }

  @WithFenzServices
  abstract static class RecordingClass {
    @Test
    void seesItsOwnDatabase(TestEnvironment env) throws Exception {
      useEnvironment(getClass().getSimpleName(), env);
    }
  }

  static class FirstClass extends RecordingClass {}

  static class SecondClass extends RecordingClass {}

  @WithFenzServices
  static class OuterClass {
    final TestEnvironment fromConstructor;

    OuterClass(TestEnvironment env) {
      this.fromConstructor = env;
    }

    @Test
    void outer(TestEnvironment env) throws Exception {
      assertThat(env).isSameAs(fromConstructor);
      useEnvironment("OuterClass", env);
    }

    @Nested
    class Inner {
      @Test
      void inner(TestEnvironment env) throws Exception {
        assertThat(env).isSameAs(fromConstructor);
        useEnvironment("OuterClass.Inner", env);
      }
    }
  }

  @WithFenzServices
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassLifecycle {
    final TestEnvironment fromConstructor;
    TestEnvironment fromBeforeAll;

    PerClassLifecycle(TestEnvironment env) {
      this.fromConstructor = env;
    }

    @BeforeAll
    void beforeAll(TestEnvironment env) {
      fromBeforeAll = env;
    }

    @BeforeEach
    void beforeEach(TestEnvironment env) {
      assertThat(env).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
    }

    @Test
    void first(TestEnvironment env) throws Exception {
      assertThat(env).isSameAs(fromConstructor);
      useEnvironment("PerClassLifecycle", env);
    }

    @Test
    void second(TestEnvironment env) {
      assertThat(env).isSameAs(fromConstructor);
    }
  }
}
