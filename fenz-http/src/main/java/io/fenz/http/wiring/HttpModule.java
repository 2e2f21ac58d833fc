package io.fenz.http.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.routes.AdminUserRoutes;
import io.fenz.http.routes.AuthRoutes;
import io.fenz.http.routes.CatalogRoutes;
import io.fenz.http.routes.ChannelRoutes;
import io.fenz.http.routes.DashboardRoutes;
import io.fenz.http.routes.DonationRoutes;
import io.fenz.http.routes.FeedRoutes;
import io.fenz.http.routes.MeRoutes;
import io.fenz.http.routes.MembershipRoutes;
import io.fenz.http.routes.NotificationRoutes;
import io.fenz.http.routes.PaddleWebhookRoutes;
import io.fenz.http.routes.PaymentSimulatorRoutes;
import io.fenz.http.routes.RouteGroup;
import io.fenz.http.routes.SearchRoutes;
import io.fenz.http.routes.SystemRoutes;
import io.fenz.http.routes.VideoRoutes;
import io.fenz.http.support.LoopbackWebhookSender;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.monetization.port.WebhookSender;
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
  static Requests requests(FenzConfig config, ObjectMapper json) {
    return new Requests(json, config.http().maxJsonBodyBytes());
  }

  @Binds
  WebhookSender webhookSender(LoopbackWebhookSender impl);

  @Provides
  static Readiness readiness(Infrastructure infrastructure) {
    return new Readiness(
        infrastructure.dependencyChecks(),
        Duration.ofSeconds(2),
        infrastructure.readinessDetails());
  }

  /** Use cases' own metrics land in the registry /metrics serves. */
  @Binds
  MeterRegistry meters(PrometheusMeterRegistry metrics);

  /** Order is the order routes are registered and documented in. */
  @Provides
  static List<RouteGroup> routeGroups(
      SystemRoutes system,
      AuthRoutes auth,
      MeRoutes me,
      CatalogRoutes catalog,
      FeedRoutes feed,
      VideoRoutes videos,
      ChannelRoutes channels,
      SearchRoutes search,
      AdminUserRoutes adminUsers,
      NotificationRoutes notifications,
      MembershipRoutes memberships,
      DonationRoutes donations,
      DashboardRoutes dashboard,
      PaddleWebhookRoutes webhooks,
      PaymentSimulatorRoutes simulator) {
    // The feed's static path registers before /videos/{id}.
    return List.of(
        system,
        auth,
        me,
        catalog,
        feed,
        videos,
        channels,
        search,
        adminUsers,
        notifications,
        memberships,
        donations,
        dashboard,
        webhooks,
        simulator);
  }

  @Provides
  @Singleton
  static FenzHttpServer server(
      FenzConfig config,
      List<RouteGroup> groups,
      PrometheusMeterRegistry metrics,
      ObjectMapper json,
      Principals principals) {
    return new FenzHttpServer(config, groups, metrics, json, principals);
  }
}
