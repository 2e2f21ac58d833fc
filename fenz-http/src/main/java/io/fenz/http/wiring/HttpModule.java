package io.fenz.http.wiring;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.routes.AdminUserRoutes;
import io.fenz.http.routes.AuthRoutes;
import io.fenz.http.routes.CatalogRoutes;
import io.fenz.http.routes.ChannelRoutes;
import io.fenz.http.routes.DashboardRoutes;
import io.fenz.http.routes.DonationRoutes;
import io.fenz.http.routes.MembershipRoutes;
import io.fenz.http.routes.PaddleWebhookRoutes;
import io.fenz.http.routes.PaymentSimulatorRoutes;
import io.fenz.http.routes.FeedRoutes;
import io.fenz.http.routes.MeRoutes;
import io.fenz.http.routes.RouteGroup;
import io.fenz.http.routes.SearchRoutes;
import io.fenz.http.routes.SystemRoutes;
import io.fenz.http.routes.VideoRoutes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.http.support.Json;
import io.fenz.http.support.LoopbackWebhookSender;
import io.fenz.monetization.port.WebhookSender;
import io.fenz.http.support.Requests;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.health.Readiness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

@Module
public interface HttpModule {
  @Provides
  @Singleton
  static Requests requests(FenzConfig config) {
    return new Requests(Json.mapper(), config.http().maxJsonBodyBytes());
  }

  /** The process's one JSON mapper, for use cases and adapters that read or write JSON (Paddle). */
  @Provides
  @Singleton
  static ObjectMapper json() {
    return Json.mapper();
  }

  @Binds
  WebhookSender webhookSender(LoopbackWebhookSender impl);

  @Provides
  static Readiness readiness(Infrastructure infrastructure) {
    return new Readiness(infrastructure.dependencyChecks(), Duration.ofSeconds(2));
  }

  /** Use cases' own metrics land in the registry /metrics serves. */
  @Binds
  MeterRegistry meters(PrometheusMeterRegistry metrics);

  /** Order is the order routes are registered and documented in. */
  @Provides
  static List<RouteGroup> routeGroups(SystemRoutes system, AuthRoutes auth, MeRoutes me, CatalogRoutes catalog, FeedRoutes feed,
                                      VideoRoutes videos, ChannelRoutes channels, SearchRoutes search, AdminUserRoutes adminUsers,
                                      MembershipRoutes memberships, DonationRoutes donations, DashboardRoutes dashboard,
                                      PaddleWebhookRoutes webhooks, PaymentSimulatorRoutes simulator) {
    // The feed's static path registers before /videos/{id}.
    return List.of(system, auth, me, catalog, feed, videos, channels, search, adminUsers, memberships, donations, dashboard, webhooks,
        simulator);
  }

  @Provides
  @Singleton
  static FenzHttpServer server(FenzConfig config, List<RouteGroup> groups, PrometheusMeterRegistry metrics) {
    return new FenzHttpServer(config, groups, metrics);
  }
}
