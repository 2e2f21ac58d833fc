package io.fenz.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.FenzServicesExtension;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.wiring.HttpComponent;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.testing.TestConfigs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real app on a random port over one test class's isolated services. The usual way, one app per
 * class, started before the class's {@code @BeforeAll} and closed after its {@code @AfterAll}:
 *
 * <pre>{@code
 * @WithFenzServices
 * class SomeApiTest {
 *   @RegisterExtension static final TestApp app = TestApp.perClass(Map.of("FENZ_X", "1"));
 *   private static final ApiClient api = app.api;
 * }
 * }</pre>
 *
 * A class that needs a second app (another config over the same services) {@link #start}s it and
 * closes it itself.
 */
public final class TestApp implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /** The password of every account {@link #user} registers. */
  public static final String PASSWORD = "password-123";

  private final Map<String, String> overrides;
  private final Clock clock;
  private TestEnvironment env;
  private Infrastructure infrastructure;
  private HttpComponent component;
  private FenzHttpServer server;

  /** Talks to this app; usable once it has started. */
  public final ApiClient api = new ApiClient(() -> "http://127.0.0.1:" + server().port());

  /** An account registered through the API. */
  public record User(long id, long channelId, String token) {}

  private TestApp(Map<String, String> overrides, Clock clock) {
    this.overrides = Map.copyOf(overrides);
    this.clock = clock;
  }

  /** One app per test class, with the default configuration; see the class comment. */
  public static TestApp perClass() {
    return perClass(Map.of());
  }

  public static TestApp perClass(Map<String, String> overrides) {
    return perClass(overrides, Clock.systemUTC());
  }

  public static TestApp perClass(Map<String, String> overrides, Clock clock) {
    return new TestApp(overrides, clock);
  }

  /** An app started now, which the caller closes. */
  public static TestApp start(TestEnvironment env) {
    return start(env, Map.of(), Clock.systemUTC());
  }

  public static TestApp start(TestEnvironment env, Map<String, String> overrides, Clock clock) {
    TestApp app = new TestApp(overrides, clock);
    app.open(env);
    return app;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open(FenzServicesExtension.environmentOf(context));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void open(TestEnvironment environment) {
    if (server != null) {
      throw new IllegalStateException("this app has already started");
    }
    FenzConfig config = TestConfigs.config(environment, overrides);
    this.env = environment;
    this.infrastructure = Infrastructure.open(config, clock);
    this.component =
        HttpComponent.create(infrastructure, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    component.searchIndex().start();
    this.server = component.server().start();
  }

  /** Registers an account ({@link #PASSWORD}) and signs it in. */
  public User user(String email, String displayName) {
    JsonNode auth = api.register(email, PASSWORD, displayName);
    return new User(
        auth.path("user").path("id").asLong(),
        auth.path("user").path("channelId").asLong(),
        auth.path("accessToken").asText());
  }

  /**
   * A raw connection to the app from {@code localAddress} (a loopback address: 127.0.0.1, or
   * another such as 127.0.0.2 to be another client), for tests of what clients send on the wire.
   */
  public Socket connectFrom(String localAddress) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    return new Socket(loopback, server().port(), InetAddress.getByName(localAddress), 0);
  }

  /** What `fenz serve` does at start: rebuild the feed cache from MySQL. */
  public void warmFeedCache() {
    component.warmFeedCache().execute();
  }

  /**
   * Applies changes made behind the app's back (raw SQL in a test), as the once-a-second catch-up
   * would.
   */
  public void catchUpSearch() {
    component.searchIndex().catchUp();
  }

  /** The test class's services this app runs on. */
  public TestEnvironment env() {
    return started(env);
  }

  public FenzHttpServer server() {
    return started(server);
  }

  public Infrastructure infrastructure() {
    return started(infrastructure);
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new IllegalStateException(
          "the app has not started: register it with @RegisterExtension on a static field of a"
              + " @WithFenzServices class, or use TestApp.start");
    }
    return part;
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    server.stop();
    component.searchIndex().stop();
    infrastructure.close();
  }
}
