package io.fenz.worker.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.fenz.content.ContentModule;
import io.fenz.discovery.DiscoveryModule;
import io.fenz.identity.IdentityModule;
import io.fenz.interaction.InteractionModule;
import io.fenz.monetization.MonetizationModule;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.events.OutboxLag;
import io.fenz.platform.wiring.PlatformModule;
import io.fenz.worker.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;

/** The worker process's object graph. */
@Singleton
@Component(
    modules = {
      PlatformModule.class,
      IdentityModule.class,
      ContentModule.class,
      DiscoveryModule.class,
      MonetizationModule.class,
      InteractionModule.class,
      WorkerModule.class
    })
public interface WorkerComponent {
  Worker worker();

  OutboxLag outboxLag();

  /** A worker whose meters are kept in memory only (it serves no /metrics). */
  static WorkerComponent create(Infrastructure infrastructure) {
    return create(infrastructure, new SimpleMeterRegistry());
  }

  static WorkerComponent create(Infrastructure infrastructure, MeterRegistry meters) {
    return DaggerWorkerComponent.factory().create(infrastructure, meters);
  }

  @Component.Factory
  interface Factory {
    WorkerComponent create(
        @BindsInstance Infrastructure infrastructure, @BindsInstance MeterRegistry meters);
  }
}
