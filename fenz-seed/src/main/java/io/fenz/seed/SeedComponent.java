package io.fenz.seed;

import dagger.BindsInstance;
import dagger.Component;
import io.fenz.content.ContentModule;
import io.fenz.discovery.DiscoveryModule;
import io.fenz.discovery.app.ReindexSearch;
import io.fenz.identity.IdentityModule;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.monetization.MonetizationModule;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.wiring.PlatformModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;

/** Object graph for seeding and operator commands. */
@Singleton
@Component(modules = {PlatformModule.class, IdentityModule.class, ContentModule.class, DiscoveryModule.class, MonetizationModule.class})
public interface SeedComponent {
  DemoSeeder seeder();

  GrantAdmin grantAdmin();

  CleanupQueue cleanupQueue();

  ReindexSearch reindexSearch();

  static SeedComponent create(Infrastructure infrastructure) {
    // A one-shot command serves no /metrics: its meters stay in memory.
    return DaggerSeedComponent.factory().create(infrastructure, new SimpleMeterRegistry());
  }

  @Component.Factory
  interface Factory {
    SeedComponent create(@BindsInstance Infrastructure infrastructure, @BindsInstance MeterRegistry meters);
  }
}
