package io.fenz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-install backing services for {@code fenz dev} and for tests: an embedded MariaDB, an
 * embedded Redis and an in-process S3-compatible server, each on a free loopback port (the standard
 * ports may be taken by real services on the same machine).
 *
 * <p>With a {@link DevstackOptions#dataDir() dataDir}, data lives in {@code dataDir/mariadb},
 * {@code dataDir/redis} and {@code dataDir/s3} and survives a stop/start. Ports are new on each
 * start. A data dir can be used by one running Devstack at a time: a second {@link #start} on it
 * fails with an {@link IllegalStateException} (a lock file {@code .devstack.lock} in the data dir,
 * held across processes). Without a data dir everything lives in a temporary directory deleted by
 * {@link #close()}.
 *
 * <pre>{@code
 * try (Devstack stack = Devstack.start(DevstackOptions.all(Path.of(".fenz/data")))) {
 *     String jdbc = stack.jdbcUrl();  // jdbc:mariadb://127.0.0.1:41234/?user=root
 * }
 * }</pre>
 */
public final class Devstack implements AutoCloseable {

  /** Access key of the embedded S3 server. Dev only: anyone on this machine can reach it anyway. */
  public static final String S3_ACCESS_KEY = "fenz-dev";

  /** Secret key of the embedded S3 server. */
  public static final String S3_SECRET_KEY = "fenz-dev-secret-key";

  private static final Logger LOG = LoggerFactory.getLogger(Devstack.class);
  private static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final boolean isTransient;
  private final DataDirLock lock;
  private final AtomicBoolean closed = new AtomicBoolean();
  private MariaDbService database;
  private RedisService redis;
  private S3Service s3;

  private Devstack(Path dataDir, boolean isTransient, DataDirLock lock) {
    this.dataDir = dataDir;
    this.isTransient = isTransient;
    this.lock = lock;
  }

  /**
   * Starts the chosen services; returns once all accept connections.
   *
   * @throws IllegalStateException if the data dir is in use by another running Devstack, or a
   *     service fails to start (those already started are stopped again)
   */
  public static Devstack start(DevstackOptions options) {
    Objects.requireNonNull(options, "options");
    Devstack stack = create(options.dataDir());
    boolean durable = !options.isTransient();
    // MariaDB takes 0.3-5 s (first install + start), S3 ~1 s of class loading on a cold JVM:
    // overlap them.
    CompletableFuture<MariaDbService> database =
        !options.database()
            ? null
            : CompletableFuture.supplyAsync(
                () ->
                    timed(
                        "MariaDB",
                        () -> MariaDbService.start(stack.dataDir.resolve("mariadb"), durable),
                        MariaDbService::port,
                        MariaDbService::version),
                task -> Thread.ofPlatform().name("fenz-devstack-mariadb").daemon().start(task));
    Throwable failure = null;
    try {
      if (options.redis()) {
        stack.redis =
            timed(
                "Redis",
                () -> RedisService.start(stack.dataDir.resolve("redis"), durable),
                RedisService::port,
                r -> durable ? "append-only file" : "no persistence");
      }
      if (options.s3()) {
        stack.s3 =
            timed(
                "S3",
                () -> S3Service.start(stack.dataDir.resolve("s3"), S3_ACCESS_KEY, S3_SECRET_KEY),
                S3Service::port,
                s -> "s3proxy");
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    if (database != null) {
      try {
        stack.database = database.join(); // even after a failure above, so that close() stops it
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause();
        } else {
          failure.addSuppressed(e.getCause());
        }
      }
    }
    if (failure != null) {
      stack.close();
      if (failure instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) failure; // starters throw nothing checked
    }
    return stack;
  }

  private static Devstack create(Path requestedDataDir) {
    try {
      if (requestedDataDir == null) {
        return new Devstack(Files.createTempDirectory("fenz-devstack-"), true, null);
      }
      Path dir = Files.createDirectories(requestedDataDir.toAbsolutePath().normalize());
      return new Devstack(dir, false, DataDirLock.acquire(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create Devstack data dir " + requestedDataDir, e);
    }
  }

  private static <S> S timed(
      String name, Supplier<S> starter, ToIntFunction<S> port, Function<S, String> detail) {
    long started = System.nanoTime();
    S service = starter.get();
    LOG.info(
        "{} ready on {}:{} in {} ms ({})",
        name,
        HOST,
        port.applyAsInt(service),
        (System.nanoTime() - started) / 1_000_000,
        detail.apply(service));
    return service;
  }

  /**
   * Server-level JDBC URL without a database, e.g. {@code
   * jdbc:mariadb://127.0.0.1:41234/?user=root}; see {@link JdbcUrls#withDatabase} to address one.
   * User root, empty password.
   */
  public String jdbcUrl() {
    return "jdbc:mariadb://" + HOST + ":" + started(database, "database").port() + "/?user=root";
  }

  /** e.g. {@code redis://127.0.0.1:41235} */
  public String redisUrl() {
    return "redis://" + HOST + ":" + started(redis, "redis").port();
  }

  /** e.g. {@code http://127.0.0.1:41236}; path-style buckets, any region name is accepted. */
  public String s3Endpoint() {
    return "http://" + HOST + ":" + started(s3, "s3").port();
  }

  public String s3AccessKey() {
    started(s3, "s3");
    return S3_ACCESS_KEY;
  }

  public String s3SecretKey() {
    started(s3, "s3");
    return S3_SECRET_KEY;
  }

  /** Root of the service data: the given data dir, or the temporary one of a transient stack. */
  public Path dataDir() {
    return dataDir;
  }

  private <S> S started(S service, String option) {
    if (closed.get()) {
      throw new IllegalStateException("Devstack is closed");
    }
    if (service == null) {
      throw new IllegalStateException(
          "This Devstack was started without "
              + option
              + " (DevstackOptions."
              + option
              + " = false)");
    }
    return service;
  }

  /**
   * Stops every service (MariaDB gracefully, so the data dir is consistent), never throws.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    if (s3 != null) {
      s3.close();
    }
    long s3Stopped = System.nanoTime();
    if (redis != null) {
      redis.close();
    }
    long redisStopped = System.nanoTime();
    if (database != null) {
      database.close();
    }
    long databaseStopped = System.nanoTime();
    if (lock != null) {
      lock.close();
    }
    if (isTransient) {
      TempDirs.deleteRecursivelyQuietly(dataDir);
    }
    LOG.debug(
        "Devstack in {} stopped (s3 {} ms, redis {} ms, database {} ms)",
        dataDir,
        (s3Stopped - started) / 1_000_000,
        (redisStopped - s3Stopped) / 1_000_000,
        (databaseStopped - redisStopped) / 1_000_000);
  }

  @Override
  public String toString() {
    return "Devstack["
        + dataDir
        + (isTransient ? " (transient)" : "")
        + (database != null ? ", mariadb :" + database.port() : "")
        + (redis != null ? ", redis :" + redis.port() : "")
        + (s3 != null ? ", s3 :" + s3.port() : "")
        + "]";
  }
}
