package io.fenz.cli;

import io.fenz.devstack.Devstack;
import io.fenz.devstack.DevstackOptions;
import io.fenz.http.FenzHttpServer;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.seed.DemoDataset;
import io.fenz.seed.DemoSeeder;
import io.fenz.seed.SeedComponent;
import io.fenz.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Everything in one process: embedded MariaDB/Redis/S3 for whatever FENZ_* URL is unset (data kept
 * in FENZ_DATA_DIR), demo data, the API, the web app and the worker loops.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Run FenzVideo all-in-one on embedded services with demo data.")
final class DevCommand implements Callable<Integer> {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private final Cli cli;

  DevCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    var telemetry = Telemetry.install(cli.env(), "dev");
    Map<String, String> env = new HashMap<>(cli.env());
    Path dataDir =
        Path.of(env.getOrDefault("FENZ_DATA_DIR", ".fenz-data")).toAbsolutePath().normalize();
    Files.createDirectories(dataDir);
    boolean needDb = isUnset(env, "FENZ_DB_URL");
    boolean needRedis = isUnset(env, "FENZ_REDIS_URL");
    boolean needS3 = isUnset(env, "FENZ_S3_ENDPOINT");
    Devstack devstack = Devstack.start(new DevstackOptions(dataDir, needDb, needRedis, needS3));
    if (needDb) {
      createDatabase(devstack.jdbcUrl(), "fenz");
      env.put("FENZ_DB_URL", devstack.jdbcUrl().replace("/?", "/fenz?"));
    }
    if (needRedis) {
      env.put("FENZ_REDIS_URL", devstack.redisUrl());
    }
    if (needS3) {
      env.put("FENZ_S3_ENDPOINT", devstack.s3Endpoint());
      env.put("FENZ_S3_ACCESS_KEY", devstack.s3AccessKey());
      env.put("FENZ_S3_SECRET_KEY", devstack.s3SecretKey());
    }
    env.putIfAbsent("FENZ_JWT_SECRET", persistentSecret(dataDir.resolve("jwt-secret")));
    listenLocallyUnlessTold(env);
    if (isUnset(env, "PADDLE_API_KEY")) {
      env.putIfAbsent(
          "FENZ_PAYMENT_SIMULATOR",
          "true"); // payments work offline; never beside a real key (FenzConfig refuses)
    }
    if (isUnset(env, "FENZ_PUBLIC_DIR")
        && Files.isRegularFile(Path.of("frontend/dist/index.html"))) {
      env.put("FENZ_PUBLIC_DIR", "frontend/dist");
    }
    FenzConfig config = FenzConfig.load(env);
    Infrastructure infrastructure = Processes.open(config);
    String demo = seedDemo(infrastructure, config);
    PrometheusMeterRegistry metrics = Processes.metrics(infrastructure);
    FenzHttpServer server = Processes.startHttp(infrastructure, metrics);
    Worker worker = Processes.startWorker(infrastructure, metrics);
    String host = config.http().host().equals("0.0.0.0") ? "localhost" : config.http().host();
    System.out.printf("%nFenzVideo is running: http://%s:%d%n", host, server.port());
    if (config.payments().simulator()) {
      System.out.println(
          "  payments: LOCAL PAYMENT SIMULATOR (no PADDLE_API_KEY set; no real money moves)");
    }
    System.out.printf("  events: %s%n", infrastructure.events().describe());
    System.out.printf(
        "  admin: %s / %s%n%s  data in %s%n%n",
        config.devAdmin().email(), config.devAdmin().password(), demo, dataDir);
    Processes.awaitShutdown(
        () -> {
          server.stop();
          worker.close();
          infrastructure.close();
          telemetry.close();
          devstack.close();
        });
    return 0;
  }

  /**
   * A dev server has a well-known admin password: it listens on this machine only unless
   * FENZ_HTTP_HOST says otherwise.
   */
  static void listenLocallyUnlessTold(Map<String, String> env) {
    if (isUnset(env, "FENZ_HTTP_HOST")) {
      env.put("FENZ_HTTP_HOST", "127.0.0.1");
    }
  }

  /**
   * Loads the demo set on first start; a database holding other accounts keeps them and gets no
   * demo set.
   */
  private static String seedDemo(Infrastructure infrastructure, FenzConfig config) {
    try {
      DemoSeeder.Report report =
          SeedComponent.create(infrastructure)
              .seeder()
              .seed(
                  config.devAdmin().email(),
                  config.devAdmin().password(),
                  DemoSeeder.Options.DEFAULT);
      DemoSeeder.DemoAccounts accounts = DemoSeeder.demoAccounts();
      return String.format(
          "  demo accounts (password %s): creator %s, creator with memberships %s, viewer %s%s%n",
          DemoDataset.PASSWORD,
          accounts.creatorEmail(),
          accounts.memberCreatorEmail(),
          accounts.viewerEmail(),
          report.written() == null
              ? ""
              : String.format(
                  "%n  demo set loaded: %d videos, %d accounts",
                  report.written().videos(), report.written().users()));
    } catch (DemoSeeder.ForeignDataException e) {
      return "  no demo set: " + e.getMessage() + System.lineSeparator();
    }
  }

  private static boolean isUnset(Map<String, String> env, String name) {
    return env.get(name) == null || env.get(name).isBlank();
  }

  private static void createDatabase(String serverJdbcUrl, String name) throws Exception {
    try (var connection = java.sql.DriverManager.getConnection(serverJdbcUrl);
        var statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE IF NOT EXISTS "
              + name
              + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
  }

  /**
   * A random secret made once per data dir, so tokens survive restarts of `fenz dev`; readable by
   * its owner only (0600, created so, and tightened if an older run left it readable by others).
   */
  static String persistentSecret(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(file, secret, StandardCharsets.UTF_8);
    return secret;
  }
}
