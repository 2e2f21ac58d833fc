package io.fenz.cli;

import io.fenz.content.app.FlushViews;
import io.fenz.discovery.app.ReindexSearch;
import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.platform.db.Database;
import java.io.Console;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Operator tasks. New groups (e.g. dead-letters) join the subcommands list as their own classes.
 */
@Command(
    name = "admin",
    description = "Operator tasks.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AdminCommand.CreateAdmin.class,
      UsersCommand.class,
      AdminCommand.RebuildCache.class,
      AdminCommand.ReindexSearchCommand.class,
      AdminCommand.CleanupRetry.class,
      AdminCommand.FlushViewsCommand.class,
      AdminCommand.Migrate.class,
      DeadLettersCommand.class
    })
final class AdminCommand {

  @Command(
      name = "create-admin",
      mixinStandardHelpOptions = true,
      description = "Create an admin account, or promote an existing one (idempotent).")
  static final class CreateAdmin extends OperatorTask {
    @Option(names = "--email", required = true, description = "The admin's email.")
    String email;

    @Option(
        names = "--name",
        description = "Display name for a new account.",
        defaultValue = "Admin")
    String name;

    @Option(
        names = "--password-env",
        description =
            "Read the password from this environment variable instead of asking (default ${DEFAULT-VALUE}).",
        defaultValue = "FENZ_ADMIN_PASSWORD")
    String passwordEnv;

    private String password;

    CreateAdmin(Cli cli) {
      super(cli);
    }

    /** Never from a command-line flag: it would land in shell history and `ps`. */
    @Override
    void checkFlags() {
      password = cli.env().get(passwordEnv);
      if (password == null || password.isEmpty()) {
        Console console = System.console();
        if (console == null) {
          throw new IllegalArgumentException(
              "set " + passwordEnv + " or run in a terminal to type the password");
        }
        password = new String(console.readPassword("Password for %s (new accounts only): ", email));
      }
    }

    @Override
    void run(OperatorComponent operator) {
      GrantAdmin.Result result =
          operator.grantAdmin().execute(new GrantAdmin.Command(email, password, name));
      report(
          Map.of("created", result.created(), "user", UsersCommand.view(result.user())),
          (result.created() ? "created admin " : "promoted to admin: ")
              + result.user().email()
              + " (id "
              + result.user().id()
              + ")");
    }
  }

  @Command(
      name = "rebuild-cache",
      mixinStandardHelpOptions = true,
      description =
          "Bring the Redis feed cache (tag sets, cards, popular list) in line with the database,"
              + " writing only what differs.")
  static final class RebuildCache extends OperatorTask {
    RebuildCache(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      WarmFeedCache.Result result = operator.warmFeedCache().execute();
      report(
          result,
          "feed cache rebuilt: " + result.videos() + " videos, " + result.popular() + " popular");
    }
  }

  @Command(
      name = "reindex-search",
      mixinStandardHelpOptions = true,
      description =
          "Recompute every video's search index entry (batches by id; safe while serving).")
  static final class ReindexSearchCommand extends OperatorTask {
    @Option(
        names = "--batch-size",
        description = "Videos per transaction (default ${DEFAULT-VALUE}).",
        defaultValue = "1000")
    int batchSize;

    @Option(
        names = "--from-id",
        description = "Resume from this video id (default ${DEFAULT-VALUE}).",
        defaultValue = "1")
    long fromId;

    ReindexSearchCommand(Cli cli) {
      super(cli);
    }

    @Override
    void checkFlags() {
      if (batchSize < 1 || batchSize > 100_000) {
        throw new IllegalArgumentException("batch size must be between 1 and 100000");
      }
    }

    @Override
    void run(OperatorComponent operator) {
      ReindexSearch reindex = operator.reindexSearch();
      long started = System.nanoTime();
      long[] lastPrint = {started};
      ReindexSearch.Report report =
          reindex.execute(
              fromId,
              batchSize,
              progress -> {
                long now = System.nanoTime();
                if (!output.json && now - lastPrint[0] > 2_000_000_000L) {
                  lastPrint[0] = now;
                  cli.out()
                      .printf(
                          "reindex-search: up to id %d of %d, %d videos, %d changed%n",
                          Math.min(progress.nextId() - 1, progress.maxId()),
                          progress.maxId(),
                          progress.seen(),
                          progress.changed());
                  cli.out().flush();
                }
              });
      report(
          report,
          String.format(
              "reindex-search: %d videos, %d changed, %.1f s",
              report.seen(), report.changed(), (System.nanoTime() - started) / 1e9));
    }
  }

  @Command(
      name = "cleanup-retry",
      mixinStandardHelpOptions = true,
      description =
          "Move dead-lettered cleanup tasks (object deletions that kept failing) back to the queue for the worker.")
  static final class CleanupRetry extends OperatorTask {
    CleanupRetry(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      int moved = operator.cleanupQueue().replayDead();
      report(Map.of("requeued", moved), "requeued " + moved + " dead cleanup tasks");
    }
  }

  @Command(
      name = "flush-views",
      mixinStandardHelpOptions = true,
      description =
          "Apply the view counts buffered in Redis to the database now (the worker does it every few seconds).")
  static final class FlushViewsCommand extends OperatorTask {
    FlushViewsCommand(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      FlushViews.Result result = operator.flushViews().execute(true);
      report(result, "flushed " + result.views() + " views in " + result.batches() + " batches");
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description =
          "Apply pending database migrations (Flyway) and print the schema version; serve and worker also do it at start.")
  static final class Migrate implements Callable<Integer> {
    private final Cli cli;
    @Mixin Cli.JsonOption output;

    Migrate(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Database database = new Database(cli.config().database())) {
        MigrateResult result = database.migrate();
        String version =
            database.withHandle(
                h ->
                    h.createQuery(
                            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")
                        .mapTo(String.class)
                        .one());
        cli.print(
            output.json,
            Map.of("applied", result.migrationsExecuted, "schemaVersion", version),
            "migrations applied: " + result.migrationsExecuted + ", schema version " + version);
      }
      return 0;
    }
  }
}
