package io.fenz.http.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.fenz.content.ContentModule;
import io.fenz.content.port.VideoDirectory;
import io.fenz.discovery.DiscoveryModule;
import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.discovery.port.LiveSearchIndex;
import io.fenz.http.FenzHttpServer;
import io.fenz.identity.IdentityModule;
import io.fenz.interaction.InteractionModule;
import io.fenz.monetization.MonetizationModule;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.events.OutboxLag;
import io.fenz.platform.wiring.PlatformModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

/** The HTTP process's object graph. */
@Singleton
@Component(
    modules = {
      PlatformModule.class,
      IdentityModule.class,
      ContentModule.class,
      DiscoveryModule.class,
      MonetizationModule.class,
      InteractionModule.class,
      HttpModule.class
    })
public interface HttpComponent {
  FenzHttpServer server();

  WarmFeedCache warmFeedCache();

  LiveSearchIndex searchIndex();

  VideoDirectory videoDirectory();

  OutboxLag outboxLag();

  @Component.Factory
  interface Factory {
    HttpComponent create(
        @BindsInstance Infrastructure infrastructure,
        @BindsInstance PrometheusMeterRegistry metrics);
  }

  static HttpComponent create(Infrastructure infrastructure, PrometheusMeterRegistry metrics) {
    return DaggerHttpComponent.factory().create(infrastructure, metrics);
  }
}
