package io.fenz.cli;

import io.fenz.content.app.FlushViews;
import io.fenz.discovery.app.ReindexSearch;
import io.fenz.discovery.app.WarmFeedCache;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.db.Database;
import java.io.Console;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Operator tasks. New groups (e.g. dead-letters) join the subcommands list as their own classes. */
@Command(name = "admin", description = "Operator tasks.", mixinStandardHelpOptions = true,
    subcommands = {AdminCommand.CreateAdmin.class, UsersCommand.class, AdminCommand.RebuildCache.class, AdminCommand.ReindexSearchCommand.class,
        AdminCommand.CleanupRetry.class, AdminCommand.FlushViewsCommand.class, AdminCommand.Migrate.class})
final class AdminCommand {

  @Command(name = "create-admin", mixinStandardHelpOptions = true,
      description = "Create an admin account, or promote an existing one (idempotent).")
  static final class CreateAdmin implements Callable<Integer> {
    private final Cli cli;

    @Option(names = "--email", required = true, description = "The admin's email.")
    String email;

    @Option(names = "--name", description = "Display name for a new account.", defaultValue = "Admin")
    String name;

    @Option(names = "--password-env", description = "Read the password from this environment variable instead of asking (default ${DEFAULT-VALUE}).",
        defaultValue = "FENZ_ADMIN_PASSWORD")
    String passwordEnv;

    @Mixin
    Cli.JsonOption output;

    CreateAdmin(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      String password = password();
      try (Infrastructure infrastructure = cli.open()) {
        GrantAdmin.Result result = OperatorComponent.create(infrastructure).grantAdmin().execute(new GrantAdmin.Command(email, password, name));
        cli.print(output.json, Map.of("created", result.created(), "user", UsersCommand.view(result.user())),
            (result.created() ? "created admin " : "promoted to admin: ") + result.user().email() + " (id " + result.user().id() + ")");
      }
      return 0;
    }

    /** Never from a command-line flag: it would land in shell history and `ps`. */
    private String password() {
      String fromEnv = cli.env().get(passwordEnv);
      if (fromEnv != null && !fromEnv.isEmpty()) {
        return fromEnv;
      }
      Console console = System.console();
      if (console == null) {
        throw new IllegalArgumentException("set " + passwordEnv + " or run in a terminal to type the password");
      }
      return new String(console.readPassword("Password for %s (new accounts only): ", email));
    }
  }

  @Command(name = "rebuild-cache", mixinStandardHelpOptions = true,
      description = "Rewrite the Redis feed cache (tag sets, cards, popular list) from the database.")
  static final class RebuildCache implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    Cli.JsonOption output;

    RebuildCache(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Infrastructure infrastructure = cli.open()) {
        WarmFeedCache.Result result = OperatorComponent.create(infrastructure).warmFeedCache().execute();
        cli.print(output.json, result, "feed cache rebuilt: " + result.videos() + " videos, " + result.popular() + " popular");
      }
      return 0;
    }
  }

  @Command(name = "reindex-search", mixinStandardHelpOptions = true,
      description = "Recompute every video's search index entry (batches by id; safe while serving).")
  static final class ReindexSearchCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(names = "--batch-size", description = "Videos per transaction (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int batchSize;

    @Option(names = "--from-id", description = "Resume from this video id (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long fromId;

    @Mixin
    Cli.JsonOption output;

    ReindexSearchCommand(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Infrastructure infrastructure = cli.open()) {
        ReindexSearch reindex = OperatorComponent.create(infrastructure).reindexSearch();
        long started = System.nanoTime();
        long[] lastPrint = {started};
        ReindexSearch.Report report = reindex.execute(fromId, batchSize, progress -> {
          long now = System.nanoTime();
          if (!output.json && now - lastPrint[0] > 2_000_000_000L) {
            lastPrint[0] = now;
            cli.out().printf("reindex-search: up to id %d of %d, %d videos, %d changed%n",
                Math.min(progress.nextId() - 1, progress.maxId()), progress.maxId(), progress.seen(), progress.changed());
            cli.out().flush();
          }
        });
        cli.print(output.json, report, String.format("reindex-search: %d videos, %d changed, %.1f s", report.seen(), report.changed(),
            (System.nanoTime() - started) / 1e9));
      }
      return 0;
    }
  }

  @Command(name = "cleanup-retry", mixinStandardHelpOptions = true,
      description = "Move dead-lettered cleanup tasks (object deletions that kept failing) back to the queue for the worker.")
  static final class CleanupRetry implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    Cli.JsonOption output;

    CleanupRetry(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Infrastructure infrastructure = cli.open()) {
        int moved = OperatorComponent.create(infrastructure).cleanupQueue().replayDead();
        cli.print(output.json, Map.of("requeued", moved), "requeued " + moved + " dead cleanup tasks");
      }
      return 0;
    }
  }

  @Command(name = "flush-views", mixinStandardHelpOptions = true,
      description = "Apply the view counts buffered in Redis to the database now (the worker does it every few seconds).")
  static final class FlushViewsCommand implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    Cli.JsonOption output;

    FlushViewsCommand(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Infrastructure infrastructure = cli.open()) {
        FlushViews.Result result = OperatorComponent.create(infrastructure).flushViews().execute(true);
        cli.print(output.json, result, "flushed " + result.views() + " views in " + result.batches() + " batches");
      }
      return 0;
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Apply pending database migrations (Flyway) and print the schema version; serve and worker also do it at start.")
  static final class Migrate implements Callable<Integer> {
    private final Cli cli;
    @Mixin
    Cli.JsonOption output;

    Migrate(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      try (Database database = new Database(cli.config().database())) {
        MigrateResult result = database.migrate();
        String version = database.withHandle(h -> h.createQuery(
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")
            .mapTo(String.class).one());
        cli.print(output.json, Map.of("applied", result.migrationsExecuted, "schemaVersion", version),
            "migrations applied: " + result.migrationsExecuted + ", schema version " + version);
      }
      return 0;
    }
  }
}
