package io.fenz.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.fenz.content.ContentModule;
import io.fenz.content.app.FlushViews;
import io.fenz.discovery.DiscoveryModule;
import io.fenz.discovery.app.ReindexSearch;
import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.identity.IdentityModule;
import io.fenz.identity.app.AccountLifecycle;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.identity.port.UserRepository;
import io.fenz.monetization.MonetizationModule;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.events.DeadLetters;
import io.fenz.platform.wiring.InMemoryMetersModule;
import io.fenz.platform.wiring.PlatformModule;
import jakarta.inject.Singleton;

/**
 * What `fenz admin` commands use. The operator acts with the server's own authority (they hold its
 * configuration), so account changes go through {@link AccountLifecycle} (cascades, last-admin
 * rule) rather than the admin-token use cases.
 */
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
interface OperatorComponent {
  GrantAdmin grantAdmin();

  UserRepository users();

  AccountLifecycle accounts();

  CleanupQueue cleanupQueue();

  ReindexSearch reindexSearch();

  WarmFeedCache warmFeedCache();

  FlushViews flushViews();

  DeadLetters deadLetters();

  static OperatorComponent create(Infrastructure infrastructure) {
    return DaggerOperatorComponent.factory().create(infrastructure);
  }

  @Component.Factory
  interface Factory {
    OperatorComponent create(@BindsInstance Infrastructure infrastructure);
  }
}
