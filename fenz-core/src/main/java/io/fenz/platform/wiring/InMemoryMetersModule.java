package io.fenz.platform.wiring;

import dagger.Module;
import dagger.Provides;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;

/**
 * For the graphs of one-shot commands (seed, admin): they serve no /metrics, so meters stay in
 * memory.
 */
@Module
public interface InMemoryMetersModule {
  @Provides
  @Singleton
  static MeterRegistry meters() {
    return new SimpleMeterRegistry();
  }
}
