package io.fenz.platform;

import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.events.InProcessEventBus;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.events.NatsConnector;
import io.fenz.platform.events.NatsEventBus;
import io.fenz.platform.events.Redelivery;
import io.fenz.platform.health.DependencyCheck;
import io.fenz.platform.health.WarmUp;
import io.fenz.platform.redis.RedisDurability;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.storage.S3Storage;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections a process holds (database, Redis, S3, NATS when configured), opened once at start
 * and closed at stop. Dagger components receive it as an instance.
 */
public final class Infrastructure implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
  private final FenzConfig config;
  private final Database database;
  private final RedisStore redis;
  private final S3Storage s3;
  private final Connection nats;
  private final RedisDurability redisDurability;
  private final EventBus events;
  private final Clock clock;
  private final List<AutoCloseable> closeFirst = new CopyOnWriteArrayList<>();
  private final WarmUp warmUp = new WarmUp();

  private Infrastructure(
      FenzConfig config,
      Database database,
      RedisStore redis,
      S3Storage s3,
      Connection nats,
      RedisDurability redisDurability,
      EventBus events,
      Clock clock) {
    this.config = config;
    this.database = database;
    this.redis = redis;
    this.s3 = s3;
    this.nats = nats;
    this.redisDurability = redisDurability;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Connects to everything, applies migrations and creates the bucket; fails fast with the
   * service's name.
   */
  public static Infrastructure open(FenzConfig config, Clock clock) {
    Database database = new Database(config.database());
    RedisStore redis = null;
    try {
      step(
          "database",
          () -> {
            database.migrate();
            return null;
          });
      redis = new RedisStore(config.redis());
      step("redis", redis::ping);
      RedisDurability durability =
          checkDurability(
              RedisDurability.read(redis.client()), config.limits().requireDurableRedis());
      S3Storage s3 = new S3Storage(config.s3(), config.limits());
      step(
          "s3",
          () -> {
            s3.ensureBucket();
            return null;
          });
      Connection nats = config.natsUrl() == null ? null : NatsConnector.connect(config.natsUrl());
      Redelivery redelivery =
          new Redelivery(config.events().maxDeliveries(), new JdbiDeadLetters(database, clock));
      EventBus events =
          nats == null
              ? new InProcessEventBus(redelivery)
              : new NatsEventBus(
                  nats,
                  config.events().natsPrefix(),
                  config.events().outboxKeep(),
                  config.events().ackWait(),
                  redelivery);
      return new Infrastructure(config, database, redis, s3, nats, durability, events, clock);
    } catch (Exception e) {
      database.close();
      if (redis != null) {
        redis.close();
      }
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Warns loudly when Redis would lose buffered views in a crash; with
   * FENZ_REQUIRE_DURABLE_REDIS=true, refuses to start.
   */
  private static RedisDurability checkDurability(RedisDurability durability, boolean required) {
    if (!durability.durable()) {
      if (required) {
        throw new IllegalStateException(
            "cannot use redis: FENZ_REQUIRE_DURABLE_REDIS=true but its persistence is "
                + durability.describe()
                + " (set appendonly yes, see docs/limits.md)");
      }
      LOG.warn(
          "REDIS IS NOT DURABLE ({}). Run it with appendonly yes, or set FENZ_REQUIRE_DURABLE_REDIS=true to refuse to start.",
          durability.describe());
    }
    return durability;
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

  /** JetStream when FENZ_NATS_URL is set, else the in-process bus. */
  public EventBus events() {
    return events;
  }

  public Clock clock() {
    return clock;
  }

  /** Facts /readyz shows beside its checks, without making the process unready. */
  public Map<String, String> readinessDetails() {
    return Map.of("redisPersistence", redisDurability.describe());
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
    events.close();
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
