package io.fenz.cli;

import io.fenz.http.FenzHttpServer;
import io.fenz.http.wiring.HttpComponent;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.worker.Worker;
import io.fenz.worker.wiring.WorkerComponent;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** Starts the long-running parts (HTTP, worker) on opened infrastructure; shared by serve, worker and dev. */
final class Runtime {
  private Runtime() {}

  static Infrastructure open(FenzConfig config) {
    return Infrastructure.open(config, Clock.systemUTC());
  }

  static FenzHttpServer startHttp(Infrastructure infrastructure) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    return HttpComponent.create(infrastructure, metrics).server().start();
  }

  static Worker startWorker(Infrastructure infrastructure) {
    return WorkerComponent.create(infrastructure).worker().start();
  }

  /** Blocks until the JVM is asked to stop, then runs {@code onStop}. */
  static void awaitShutdown(Runnable onStop) throws InterruptedException {
    Thread main = Thread.currentThread();
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      onStop.run();
      main.interrupt();
    }, "fenz-shutdown"));
    try {
      Thread.currentThread().join();
    } catch (InterruptedException stopping) {
      // normal shutdown
    }
  }
}
