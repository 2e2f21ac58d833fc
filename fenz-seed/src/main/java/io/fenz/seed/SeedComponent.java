package io.fenz.seed;

import dagger.BindsInstance;
import dagger.Component;
import io.fenz.content.ContentModule;
import io.fenz.discovery.DiscoveryModule;
import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.identity.IdentityModule;
import io.fenz.monetization.MonetizationModule;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.wiring.InMemoryMetersModule;
import io.fenz.platform.wiring.PlatformModule;
import jakarta.inject.Singleton;

/** Object graph of `fenz seed` and the demo data of `fenz dev`. */
@Singleton
@Component(
    modules = {
      PlatformModule.class,
      IdentityModule.class,
      ContentModule.class,
      DiscoveryModule.class,
      MonetizationModule.class,
      InMemoryMetersModule.class
    })
public interface SeedComponent {
  DemoSeeder seeder();

  /**
   * Rewrites the feed cache after a seed, so a running cluster serves the new videos without
   * waiting for the worker.
   */
  WarmFeedCache warmFeedCache();

  static SeedComponent create(Infrastructure infrastructure) {
    return DaggerSeedComponent.factory().create(infrastructure);
  }

  @Component.Factory
  interface Factory {
    SeedComponent create(@BindsInstance Infrastructure infrastructure);
  }
}
