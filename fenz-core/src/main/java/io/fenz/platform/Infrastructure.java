package io.fenz.platform;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.NatsConnector;
import io.fenz.platform.health.DependencyCheck;
import io.fenz.platform.health.WarmUp;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.storage.S3Storage;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections a process holds (database, Redis, S3, NATS when configured), opened once
 * at start and closed at stop. Dagger components receive it as an instance.
 */
public final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
  private final FenzConfig config;
  private final Database database;
  private final RedisStore redis;
  private final S3Storage s3;
  private final Connection nats;
  private final Clock clock;
  private final List<AutoCloseable> closeFirst = new CopyOnWriteArrayList<>();
  private final WarmUp warmUp = new WarmUp();

  private Infrastructure(FenzConfig config, Database database, RedisStore redis, S3Storage s3, Connection nats, Clock clock) {
    this.config = config;
    this.database = database;
    this.redis = redis;
    this.s3 = s3;
    this.nats = nats;
    this.clock = clock;
  }

  /** Connects to everything, applies migrations and creates the bucket; fails fast with the service's name. */
  public static Infrastructure open(FenzConfig config, Clock clock) {
    Database database = new Database(config.database());
    RedisStore redis = null;
    try {
      step("database", () -> {
        database.migrate();
        return null;
      });
      redis = new RedisStore(config.redis());
      step("redis", redis::ping);
      S3Storage s3 = new S3Storage(config.s3());
      step("s3", () -> {
        s3.ensureBucket();
        return null;
      });
      Connection nats = config.natsUrl() == null ? null : NatsConnector.connect(config.natsUrl());
      return new Infrastructure(config, database, redis, s3, nats, clock);
    } catch (Exception e) {
      database.close();
      if (redis != null) {
        redis.close();
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void step(String service, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot use " + service + ": " + e.getMessage(), e);
    }
  }

  public FenzConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public RedisStore redis() {
    return redis;
  }

  public S3Storage s3() {
    return s3;
  }

  /** Null when no FENZ_NATS_URL is set (events stay in-process). */
  public Connection nats() {
    return nats;
  }

  public Clock clock() {
    return clock;
  }

  /** What this node is still warming; part of the readiness checks. */
  public WarmUp warmUp() {
    return warmUp;
  }

  public List<DependencyCheck> dependencyChecks() {
    List<DependencyCheck> checks = new ArrayList<>();
    checks.add(check("database", database::ping));
    checks.add(check("redis", redis::ping));
    checks.add(check("s3", s3::ping));
    if (nats != null) {
      checks.add(check("nats", () -> NatsConnector.isConnected(nats)));
    }
    checks.add(warmUp);
    return checks;
  }

  private interface Probe {
    boolean ok() throws Exception;
  }

  private static DependencyCheck check(String name, Probe probe) {
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void probe() throws Exception {
        if (!probe.ok()) {
          throw new IllegalStateException(name + " is not ready");
        }
      }
    };
  }

  /** Closes {@code resource} when this closes, before the connections it may still use. */
  public void closeOnStop(AutoCloseable resource) {
    closeFirst.add(resource);
  }

  @Override
  public void close() {
    for (AutoCloseable resource : closeFirst) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("could not close {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
    if (nats != null) {
      try {
        nats.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    redis.close();
    database.close();
    LOG.info("infrastructure closed");
  }
}
