package io.fenz.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * All settings of a FenzVideo process, read once from the environment and validated at start.
 * {@code fenz dev} fills the service URLs from the embedded devstack before loading, so every
 * process goes through the same validation.
 */
public record FenzConfig(
    Http http,
    Path dataDir,
    Database database,
    Redis redis,
    S3 s3,
    String natsUrl,
    Auth auth,
    Media media,
    Search search,
    Feed feed,
    DevAdmin devAdmin,
    Limits limits,
    Events events,
    Payments payments,
    Worker worker) {

  /**
   * {@code fenz worker}: the port of its own small HTTP endpoint ({@code /metrics}, {@code
   * /healthz}) on {@code FENZ_HTTP_HOST}; 0 picks a free port.
   */
  public record Worker(int metricsPort) {}

  /**
   * Events and notifications: {@code natsPrefix} isolates stream and subjects (tests; empty in
   * production), published outbox rows are pruned after {@code outboxKeep}, a consumer tries a
   * message {@code maxDeliveries} times before parking it, JetStream redelivers a message left
   * unacknowledged for {@code ackWait} (a handler must finish within it), fan-out inserts {@code
   * fanoutBatch} rows per statement, stream tokens live {@code streamTokenTtl} (at most 60 s) and
   * SSE streams get a heartbeat every {@code heartbeat}.
   */
  public record Events(
      String natsPrefix,
      Duration outboxKeep,
      int maxDeliveries,
      Duration ackWait,
      int fanoutBatch,
      Duration streamTokenTtl,
      Duration heartbeat) {}

  public record Http(
      String host, int port, long maxJsonBodyBytes, List<String> corsOrigins, Path publicDir) {}

  /**
   * {@code poolWait}: how long a call waits for a free connection before it is answered 503 {@code
   * busy}. {@code socketTimeout}: the longest a statement's connection may wait for the server to
   * send anything before the connection counts as lost (a host that hangs sends no error and no
   * close). Longer than InnoDB's default lock wait (50 s), so a statement waiting for a lock ends
   * as a lock wait timeout (retried) rather than as a lost connection. Not applied to migrations,
   * whose DDL may run silently for minutes.
   */
  public record Database(
      String url,
      String user,
      String password,
      int poolSize,
      Duration poolWait,
      Duration socketTimeout) {
    public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    public Database(String url, String user, String password, int poolSize) {
      this(url, user, password, poolSize, DEFAULT_POOL_WAIT);
    }

    public Database(String url, String user, String password, int poolSize, Duration poolWait) {
      this(url, user, password, poolSize, poolWait, DEFAULT_SOCKET_TIMEOUT);
    }

    @Override
    public String toString() {
      return "Database[url="
          + url
          + ", user="
          + user
          + ", poolSize="
          + poolSize
          + ", poolWait="
          + poolWait
          + ", socketTimeout="
          + socketTimeout
          + "]";
    }
  }

  public record Redis(URI url, String keyPrefix, int poolSize) {
    @Override
    public String toString() {
      return "Redis[url="
          + url.getScheme()
          + "://"
          + url.getHost()
          + ":"
          + url.getPort()
          + ", keyPrefix="
          + keyPrefix
          + "]";
    }
  }

  public record S3(
      String endpoint, String accessKey, String secretKey, String bucket, String region) {
    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
  }

  /**
   * Tokens and passwords. {@code refreshReuseWindow}: how long a rotated refresh token still yields
   * its successor (tabs refreshing at once); {@code passwordHashThreads}/{@code passwordHashWait}:
   * the bounded password-hashing pool and how long a request may queue for it; {@code
   * authAttemptsPerMinute}: logins plus registrations per client address (0: no limit).
   */
  public record Auth(
      String jwtSecret,
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      int bcryptCost,
      int loginMaxFailures,
      Duration loginWindow,
      Duration refreshReuseWindow,
      int passwordHashThreads,
      Duration passwordHashWait,
      int authAttemptsPerMinute) {
    @Override
    public String toString() {
      return "Auth[accessTokenTtl="
          + accessTokenTtl
          + ", refreshTokenTtl="
          + refreshTokenTtl
          + ", bcryptCost="
          + bcryptCost
          + ", loginMaxFailures="
          + loginMaxFailures
          + ", loginWindow="
          + loginWindow
          + ", refreshReuseWindow="
          + refreshReuseWindow
          + ", passwordHashThreads="
          + passwordHashThreads
          + ", passwordHashWait="
          + passwordHashWait
          + ", authAttemptsPerMinute="
          + authAttemptsPerMinute
          + "]";
    }
  }

  /**
   * Upload limits, playback URL lifetime, orphan age, and the node-local media cache: at most
   * {@code cacheBytes} of S3 objects kept on this process's disk below {@code cacheParent} (0: no
   * cache), each removed once unread for {@code cacheIdle}.
   */
  public record Media(
      long maxVideoBytes,
      long maxThumbnailBytes,
      Duration playbackUrlTtl,
      Duration orphanUploadAge,
      long cacheBytes,
      Path cacheParent,
      Duration cacheIdle) {}

  /**
   * Search engine of the HTTP process: {@code memory} keeps an in-process Lucene index of the
   * listed videos (rebuilt from MySQL at start, caught up every {@code catchUpInterval}); {@code
   * fulltext} queries MySQL's FULLTEXT index directly (no memory cost, but text search cost grows
   * with the number of matches). {@code answersKept}: distinct answers the index keeps until it
   * changes (0: none). {@code fulltextConnections}: most pooled connections FULLTEXT searches hold
   * at once (the engine, or the fallback while the index builds); searches past it are answered 503
   * {@code busy}. {@code fulltextTimeout}: longest a FULLTEXT statement may run (whole seconds, as
   * JDBC counts a query timeout) before the search is answered 503 {@code busy}.
   */
  public record Search(
      boolean inMemory,
      Duration catchUpInterval,
      int answersKept,
      int fulltextConnections,
      Duration fulltextTimeout) {}

  /**
   * {@code localCopies}: most entries of each kind (cards, tag sets, viewers' picks) copied
   * in-process; 0 turns copies off.
   */
  public record Feed(int localCopies) {
    /**
     * Heap per copy the default allows. A card held costs about 530 bytes (its fields, its kept
     * JSON once drawn, the cache's entry), so the cards take at most about half the heap: the 1,152
     * MB a 1.5 GB node gets (docs/performance.md) holds 1.2M, every card of a million videos. A
     * card not held is read from Redis on every draw of it, which at a million videos cut the feed
     * to a third.
     */
    static final long HEAP_PER_COPY = 1_000;

    /** The default bound for a JVM whose heap may grow to {@code maxHeapBytes}. */
    static int copiesFor(long maxHeapBytes) {
      return (int) Math.clamp(maxHeapBytes / HEAP_PER_COPY, 10_000, 10_000_000);
    }
  }

  /**
   * Abuse limits and dependency deadlines (docs/limits.md). {@code trustedProxies}: peers whose
   * X-Forwarded-For names the client; {@code guestViewsPerAddress}: guest views counted per client
   * address per video per dedupe window (0: no cap); upload quotas per user; slow-client limits of
   * the HTTP server (0: off); S3 deadlines; whether a Redis without AOF stops the process.
   */
  public record Limits(
      List<String> trustedProxies,
      int guestViewsPerAddress,
      long uploadBytesPerDay,
      int pendingUploads,
      Duration idleTimeout,
      long minDataRate,
      int connectionsPerAddress,
      Duration s3ConnectTimeout,
      Duration s3ReadTimeout,
      boolean requireDurableRedis) {}

  public record DevAdmin(String email, String password) {
    @Override
    public String toString() {
      return "DevAdmin[email=" + email + "]";
    }
  }

  /**
   * Paddle Billing (docs/payments.md). {@code apiKey} null: no real payments; then {@code
   * simulator} may stand in (`fenz dev`), signing with {@code webhookSecret} (generated when none
   * is set). Webhooks are verified with {@code webhookSecret} in every mode, within {@code
   * signatureTolerance} of their timestamp.
   */
  public record Payments(
      String apiKey,
      String webhookSecret,
      boolean production,
      String clientToken,
      URI apiUrl,
      Duration signatureTolerance,
      boolean simulator,
      Duration reconcileAfter) {
    @Override
    public String toString() {
      return "Payments[production="
          + production
          + ", apiUrl="
          + apiUrl
          + ", apiKey="
          + (apiKey == null ? "none" : "set")
          + ", simulator="
          + simulator
          + ", signatureTolerance="
          + signatureTolerance
          + ", reconcileAfter="
          + reconcileAfter
          + "]";
    }
  }

  public static final int MIN_JWT_SECRET_LENGTH = 32;

  /**
   * Reads and validates every variable; throws {@link ConfigException} naming the first bad one.
   */
  public static FenzConfig load(Map<String, String> environment) {
    Env env = new Env(environment);
    Http http =
        new Http(
            env.string("FENZ_HTTP_HOST", "0.0.0.0"),
            env.integer("FENZ_HTTP_PORT", 8080, 0, 65535),
            env.bytes("FENZ_MAX_JSON_BODY", 1L << 20),
            env.list("FENZ_CORS_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173"),
            env.optional("FENZ_PUBLIC_DIR") == null ? null : env.path("FENZ_PUBLIC_DIR", "."));
    String dbUrl =
        env.required("FENZ_DB_URL", "jdbc:mariadb://127.0.0.1:3306/fenz?user=fenz&password=secret");
    if (!dbUrl.startsWith("jdbc:mariadb:") && !dbUrl.startsWith("jdbc:mysql:")) {
      throw new ConfigException("FENZ_DB_URL must start with jdbc:mariadb: or jdbc:mysql:");
    }
    Database database =
        new Database(
            dbUrl,
            env.optional("FENZ_DB_USER"),
            env.optional("FENZ_DB_PASSWORD"),
            env.integer("FENZ_DB_POOL_SIZE", 10, 1, 200),
            env.duration("FENZ_DB_POOL_WAIT", Database.DEFAULT_POOL_WAIT),
            env.duration("FENZ_DB_SOCKET_TIMEOUT", Database.DEFAULT_SOCKET_TIMEOUT));
    if (database.poolWait().toMillis() < 250) {
      throw new ConfigException(
          "FENZ_DB_POOL_WAIT must be at least 250ms (the pool's shortest wait)");
    }
    if (database.socketTimeout().toSeconds() < 1) {
      throw new ConfigException("FENZ_DB_SOCKET_TIMEOUT must be at least 1s");
    }
    Redis redis =
        new Redis(
            env.uri(
                "FENZ_REDIS_URL",
                env.required("FENZ_REDIS_URL", "redis://127.0.0.1:6379"),
                List.of("redis", "rediss")),
            env.string("FENZ_REDIS_KEY_PREFIX", ""),
            env.integer("FENZ_REDIS_POOL_SIZE", 64, 1, 1000));
    String s3Endpoint = env.required("FENZ_S3_ENDPOINT", "http://127.0.0.1:9000");
    env.uri("FENZ_S3_ENDPOINT", s3Endpoint, List.of("http", "https"));
    S3 s3 =
        new S3(
            s3Endpoint,
            env.required("FENZ_S3_ACCESS_KEY", "minioadmin"),
            env.required("FENZ_S3_SECRET_KEY", "minioadmin"),
            env.string("FENZ_S3_BUCKET", "fenz"),
            env.string("FENZ_S3_REGION", "us-east-1"));
    String natsUrl = env.optional("FENZ_NATS_URL");
    if (natsUrl != null) {
      env.uri("FENZ_NATS_URL", natsUrl, List.of("nats", "tls"));
    }
    String jwtSecret =
        env.required(
            "FENZ_JWT_SECRET",
            "a random string of at least " + MIN_JWT_SECRET_LENGTH + " characters");
    if (jwtSecret.length() < MIN_JWT_SECRET_LENGTH) {
      throw new ConfigException(
          "FENZ_JWT_SECRET must have at least " + MIN_JWT_SECRET_LENGTH + " characters");
    }
    Auth auth =
        new Auth(
            jwtSecret,
            env.duration("FENZ_ACCESS_TOKEN_TTL", Duration.ofHours(24)),
            env.duration("FENZ_REFRESH_TOKEN_TTL", Duration.ofDays(7)),
            env.integer("FENZ_BCRYPT_COST", 12, 4, 31),
            env.integer("FENZ_LOGIN_MAX_FAILURES", 5, 1, 1000),
            env.duration("FENZ_LOGIN_WINDOW", Duration.ofMinutes(15)),
            env.duration("FENZ_REFRESH_REUSE_WINDOW", Duration.ofSeconds(10)),
            env.integer(
                "FENZ_PASSWORD_HASH_THREADS",
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                1,
                256),
            env.duration("FENZ_PASSWORD_HASH_WAIT", Duration.ofSeconds(2)),
            env.integer("FENZ_AUTH_ATTEMPTS_PER_MINUTE", 60, 0, 1_000_000));
    Media media =
        new Media(
            env.bytes("FENZ_MAX_VIDEO_UPLOAD", 2L << 30),
            env.bytes("FENZ_MAX_THUMBNAIL_UPLOAD", 5L << 20),
            env.duration("FENZ_PLAYBACK_URL_TTL", Duration.ofMinutes(10)),
            env.duration("FENZ_ORPHAN_UPLOAD_AGE", Duration.ofHours(24)),
            env.bytes("FENZ_MEDIA_CACHE_BYTES", 2L << 30),
            env.path("FENZ_MEDIA_CACHE_DIR", System.getProperty("java.io.tmpdir")),
            env.duration("FENZ_MEDIA_CACHE_IDLE", Duration.ofHours(24)));
    String engine = env.string("FENZ_SEARCH_ENGINE", "memory");
    if (!engine.equals("memory") && !engine.equals("fulltext")) {
      throw new ConfigException(
          "FENZ_SEARCH_ENGINE must be memory or fulltext, got '" + engine + "'");
    }
    Duration fulltextTimeout = env.duration("FENZ_SEARCH_FULLTEXT_TIMEOUT", Duration.ofSeconds(2));
    if (fulltextTimeout.toNanosPart() != 0 || fulltextTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          "FENZ_SEARCH_FULLTEXT_TIMEOUT must be whole seconds between 1s and 1h, got "
              + fulltextTimeout);
    }
    Search search =
        new Search(
            engine.equals("memory"),
            env.duration("FENZ_SEARCH_CATCH_UP", Duration.ofSeconds(1)),
            env.integer("FENZ_SEARCH_ANSWERS_KEPT", 10_000, 0, 1_000_000),
            // a quarter of the pool by default: the rest stays free for the feed, writes and the
            // index build while slow FULLTEXT searches queue
            env.integer(
                "FENZ_SEARCH_FULLTEXT_CONNECTIONS",
                Math.max(1, database.poolSize() / 4),
                1,
                database.poolSize()),
            fulltextTimeout);
    Feed feed =
        new Feed(
            env.integer(
                "FENZ_FEED_LOCAL_COPIES",
                Feed.copiesFor(Runtime.getRuntime().maxMemory()),
                0,
                10_000_000));
    DevAdmin devAdmin =
        new DevAdmin(
            env.string("FENZ_DEV_ADMIN_EMAIL", "admin@fenz.local"),
            env.string("FENZ_DEV_ADMIN_PASSWORD", "fenz-admin-dev"));
    Limits limits =
        new Limits(
            env.list("FENZ_TRUSTED_PROXIES", ""),
            env.integer("FENZ_GUEST_VIEWS_PER_ADDRESS", 10, 0, 1_000_000),
            env.bytes("FENZ_UPLOAD_BYTES_PER_DAY", 20L << 30),
            env.integer("FENZ_PENDING_UPLOADS", 50, 1, 100_000),
            env.duration("FENZ_HTTP_IDLE_TIMEOUT", Duration.ofSeconds(30)),
            env.bytes("FENZ_HTTP_MIN_DATA_RATE", 1L << 10),
            env.integer("FENZ_CONNECTIONS_PER_ADDRESS", 256, 0, 1_000_000),
            env.duration("FENZ_S3_CONNECT_TIMEOUT", Duration.ofSeconds(2)),
            env.duration("FENZ_S3_READ_TIMEOUT", Duration.ofSeconds(10)),
            env.bool("FENZ_REQUIRE_DURABLE_REDIS", false));
    String natsPrefix = env.string("FENZ_NATS_PREFIX", "");
    if (!natsPrefix.matches("[A-Za-z0-9]*")) {
      throw new ConfigException(
          "FENZ_NATS_PREFIX may hold only letters and digits, got '" + natsPrefix + "'");
    }
    Duration streamTokenTtl = env.duration("FENZ_STREAM_TOKEN_TTL", Duration.ofSeconds(60));
    if (streamTokenTtl.compareTo(Duration.ofSeconds(60)) > 0
        || streamTokenTtl.isZero()
        || streamTokenTtl.isNegative()) {
      throw new ConfigException(
          "FENZ_STREAM_TOKEN_TTL must be between 1s and 60s, got " + streamTokenTtl);
    }
    Duration ackWait = env.duration("FENZ_EVENT_ACK_WAIT", Duration.ofSeconds(60));
    if (ackWait.compareTo(Duration.ofSeconds(1)) < 0
        || ackWait.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException("FENZ_EVENT_ACK_WAIT must be between 1s and 1h, got " + ackWait);
    }
    Events events =
        new Events(
            natsPrefix,
            env.duration("FENZ_OUTBOX_KEEP", Duration.ofDays(7)),
            env.integer("FENZ_EVENT_MAX_DELIVERIES", 5, 1, 100),
            ackWait,
            env.integer("FENZ_FANOUT_BATCH", 5_000, 1, 100_000),
            streamTokenTtl,
            env.duration("FENZ_SSE_HEARTBEAT", Duration.ofSeconds(15)));
    return new FenzConfig(
        http,
        env.path("FENZ_DATA_DIR", ".fenz-data"),
        database,
        redis,
        s3,
        natsUrl,
        auth,
        media,
        search,
        feed,
        devAdmin,
        limits,
        events,
        PaymentsConfig.load(env),
        new Worker(env.integer("FENZ_WORKER_METRICS_PORT", 9091, 0, 65535)));
  }
}
