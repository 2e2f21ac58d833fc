package io.fenz.testing;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.redis.RedisStore;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** A FenzConfig pointing at one test class's isolated database, Redis prefix and bucket. */
public final class TestConfigs {
  private TestConfigs() {}

  public static Map<String, String> environment(TestEnvironment env) {
    Map<String, String> vars = new HashMap<>();
    vars.put("FENZ_HTTP_PORT", "0");
    vars.put("FENZ_WORKER_METRICS_PORT", "0"); // test workers never compete for 9091
    vars.put("FENZ_HTTP_HOST", "127.0.0.1");
    vars.put("FENZ_DB_URL", env.jdbcUrl());
    vars.put("FENZ_DB_POOL_SIZE", "8");
    vars.put("FENZ_REDIS_URL", env.redisUrl());
    vars.put("FENZ_REDIS_KEY_PREFIX", env.redisKeyPrefix());
    vars.put("FENZ_S3_ENDPOINT", env.s3Endpoint());
    vars.put("FENZ_S3_ACCESS_KEY", env.s3AccessKey());
    vars.put("FENZ_S3_SECRET_KEY", env.s3SecretKey());
    vars.put("FENZ_S3_BUCKET", env.s3Bucket());
    if (env.natsUrl() != null) {
      vars.put("FENZ_NATS_URL", env.natsUrl());
      vars.put(
          "FENZ_NATS_PREFIX", env.natsStreamPrefix()); // a stream and subjects of the class's own
    }
    vars.put("FENZ_JWT_SECRET", "test-secret-test-secret-test-secret-0123456789");
    // bcrypt's cheapest cost keeps the suite fast; production default is 12.
    vars.put("FENZ_BCRYPT_COST", "4");
    return vars;
  }

  public static FenzConfig config(TestEnvironment env) {
    return FenzConfig.load(environment(env));
  }

  public static FenzConfig config(TestEnvironment env, Map<String, String> overrides) {
    Map<String, String> vars = environment(env);
    vars.putAll(overrides);
    return FenzConfig.load(vars);
  }

  /** The class's database, migrated, with a pool of {@code poolSize}. */
  public static Database migratedDatabase(TestEnvironment env, int poolSize) {
    Database db = new Database(new FenzConfig.Database(env.jdbcUrl(), null, null, poolSize));
    db.migrate();
    return db;
  }

  /** The class's Redis key prefix, with a pool of {@code poolSize}. */
  public static RedisStore redis(TestEnvironment env, int poolSize) {
    return new RedisStore(
        new FenzConfig.Redis(URI.create(env.redisUrl()), env.redisKeyPrefix(), poolSize));
  }

  public static Infrastructure open(FenzConfig config, Clock clock) {
    return Infrastructure.open(config, clock);
  }

  /** Removes the class's JetStream stream from the shared server (its consumers go with it). */
  public static void dropStream(TestEnvironment env) {
    if (env.natsUrl() == null) {
      return;
    }
    try (var nats = io.nats.client.Nats.connect(env.natsUrl())) {
      nats.jetStreamManagement().deleteStream(env.natsStreamPrefix() + "_FENZ");
    } catch (Exception e) {
      // already gone, or never made: nothing to clean
    }
  }
}
