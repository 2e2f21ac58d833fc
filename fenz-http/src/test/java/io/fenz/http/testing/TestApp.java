package io.fenz.http.testing;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.wiring.HttpComponent;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.testing.TestConfigs;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;

/** The real app on a random port over one test class's isolated services. */
public final class TestApp implements AutoCloseable {
  private final Infrastructure infrastructure;
  private final HttpComponent component;
  private final FenzHttpServer server;
  public final ApiClient api;

  private TestApp(Infrastructure infrastructure, HttpComponent component) {
    this.infrastructure = infrastructure;
    this.component = component;
    component.searchIndex().start();
    this.server = component.server().start();
    this.api = new ApiClient("http://127.0.0.1:" + server.port());
  }

  public static TestApp start(TestEnvironment env) {
    return start(env, Map.of(), Clock.systemUTC());
  }

  public static TestApp start(TestEnvironment env, Map<String, String> overrides, Clock clock) {
    FenzConfig config = TestConfigs.config(env, overrides);
    Infrastructure infrastructure = Infrastructure.open(config, clock);
    return new TestApp(
        infrastructure,
        HttpComponent.create(
            infrastructure, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
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

  public FenzHttpServer server() {
    return server;
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  @Override
  public void close() {
    server.stop();
    component.searchIndex().stop();
    infrastructure.close();
  }
}
