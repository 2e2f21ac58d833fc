package io.fenz.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.wiring.HttpComponent;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.worker.Worker;
import io.fenz.worker.wiring.WorkerComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.commonspool2.CommonsObjectPool2Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.function.Function;

/**
 * Starts the long-running parts (HTTP, worker) on opened infrastructure; shared by serve, worker
 * and dev.
 */
final class Processes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Processes.class);

  private Processes() {}

  static Infrastructure open(FenzConfig config) {
    return Infrastructure.open(config, Clock.systemUTC());
  }

  /**
   * The process's one registry, with JVM, pool and disk meters bound: {@code fenz dev} gives the
   * same one to its HTTP server and its worker.
   */
  static PrometheusMeterRegistry metrics(Infrastructure infrastructure) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmGcMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new ClassLoaderMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    new DiskSpaceMetrics(infrastructure.config().media().cacheParent().toFile()).bindTo(metrics);
    // Pools: JDBC (HikariCP's own meters) and Redis (Jedis' commons-pool2, read over JMX).
    ((HikariDataSource) infrastructure.database().dataSource()).setMetricRegistry(metrics);
    infrastructure.database().bindMeters(metrics);
    new CommonsObjectPool2Metrics().bindTo(metrics);
    return metrics;
  }

  static FenzHttpServer startHttp(Infrastructure infrastructure, PrometheusMeterRegistry metrics) {
    HttpComponent http = HttpComponent.create(infrastructure, metrics);
    http.outboxLag().register(metrics);
    // Searches use MySQL FULLTEXT until the in-memory index is built (seconds to a minute per
    // million videos); /readyz says warming until then, as FULLTEXT carries only a few searches.
    // The build reads the same rows as the feed warm-up, so it starts once the warm-up is done:
    // side by side they split the cores and MySQL, and the feed (on every page) would be warm
    // later for an index that then is ready barely sooner.
    infrastructure.warmUp().started("search-index");
    Thread searchBuild =
        Thread.ofPlatform()
            .name("fenz-search-build")
            .daemon()
            .unstarted(
                () -> {
                  try {
                    http.searchIndex().start();
                    infrastructure.warmUp().finished("search-index");
                  } catch (RuntimeException e) {
                    LOG.warn(
                        "search index build failed ({}); searches use MySQL FULLTEXT",
                        e.getMessage());
                  }
                });
    // Views of videos the directory lacks read MySQL until it is loaded (seconds per million
    // videos); /readyz waits for it. It too reads every video, so it also waits for the warm-up.
    Thread directoryLoad =
        warming(
            infrastructure,
            "video-directory",
            "fenz-video-directory-load",
            () -> http.videoDirectory().start());
    // The node serves while the feed cache warms (draws it can't make from Redis yet read MySQL);
    // /readyz says when it is warm.
    warming(
            infrastructure,
            "feed-cache",
            "fenz-feed-warm",
            () -> {
              long started = System.nanoTime();
              try {
                var warmed = http.warmFeedCache().warmThisNode();
                LOG.info(
                    "feed cache warmed: {} videos, {} popular in {} ms ({} ms reading MySQL, {} ms"
                        + " waiting for Redis writes)",
                    warmed.videos(),
                    warmed.popular(),
                    (System.nanoTime() - started) / 1_000_000,
                    warmed.readMillis(),
                    warmed.writeWaitMillis());
              } catch (RuntimeException e) {
                LOG.warn(
                    "feed cache warm-up failed ({}); the feed reads MySQL until the worker refreshes it",
                    e.getMessage());
              } finally {
                searchBuild.start();
                directoryLoad.start();
              }
            })
        .start();
    return http.server().start();
  }

  /**
   * Marks {@code part} warming and returns the daemon thread that runs {@code load}; the part is
   * finished when {@code load} returns or fails (a failed part leaves the node serving from MySQL,
   * not unready).
   */
  private static Thread warming(
      Infrastructure infrastructure, String part, String threadName, Runnable load) {
    infrastructure.warmUp().started(part);
    return Thread.ofPlatform()
        .name(threadName)
        .daemon()
        .unstarted(
            () -> {
              try {
                load.run();
              } finally {
                infrastructure.warmUp().finished(part);
              }
            });
  }

  static Worker startWorker(Infrastructure infrastructure, MeterRegistry metrics) {
    WorkerComponent worker = WorkerComponent.create(infrastructure, metrics);
    worker.outboxLag().register(metrics);
    return worker.worker().start();
  }

  /**
   * A production process (`fenz serve`, `fenz worker`): telemetry, infrastructure, then the part
   * {@code start} starts; blocks until the JVM is asked to stop, then stops that part (the {@code
   * Runnable} {@code start} returns) and closes the rest.
   */
  static int runUntilShutdown(Cli cli, String process, Function<Infrastructure, Runnable> start)
      throws InterruptedException {
    var telemetry = Telemetry.install(cli.env(), process);
    Infrastructure infrastructure = open(cli.config());
    Runnable stop;
    try {
      stop = start.apply(infrastructure);
    } catch (RuntimeException e) {
      // A part that cannot start (a taken port) leaves no pool or connection open behind it.
      infrastructure.close();
      telemetry.close();
      throw e;
    }
    awaitShutdown(
        () -> {
          stop.run();
          infrastructure.close();
          telemetry.close();
        });
    return 0;
  }

  /** Blocks until the JVM is asked to stop, then runs {@code onStop}. */
  static void awaitShutdown(Runnable onStop) throws InterruptedException {
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  onStop.run();
                  main.interrupt();
                },
                "fenz-shutdown"));
    try {
      Thread.currentThread().join();
    } catch (InterruptedException stopping) {
      // normal shutdown
    }
  }
}
