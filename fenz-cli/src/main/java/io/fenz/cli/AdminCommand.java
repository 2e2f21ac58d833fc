package io.fenz.cli;

import io.fenz.discovery.app.ReindexSearch;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.seed.SeedComponent;
import java.io.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "admin", description = "Operator tasks.",
    subcommands = {AdminCommand.CreateAdmin.class, AdminCommand.CleanupRetry.class, AdminCommand.ReindexSearchCommand.class,
        DeadLettersCommand.class})
final class AdminCommand {

  @Command(name = "cleanup-retry", description = "Move dead-lettered cleanup tasks back to the queue for the worker.")
  static final class CleanupRetry implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Infrastructure infrastructure = Runtime.open(FenzConfig.load(System.getenv()))) {
        int moved = SeedComponent.create(infrastructure).cleanupQueue().replayDead();
        System.out.println("requeued " + moved + " dead cleanup tasks");
      }
      return 0;
    }
  }

  @Command(name = "create-admin", description = "Create an admin account, or promote an existing one (idempotent).")
  static final class CreateAdmin implements Callable<Integer> {
    @Option(names = "--email", required = true, description = "The admin's email.")
    String email;

    @Option(names = "--name", description = "Display name for a new account.", defaultValue = "Admin")
    String name;

    @Option(names = "--password-env", description = "Read the password from this environment variable instead of asking.",
        defaultValue = "FENZ_ADMIN_PASSWORD")
    String passwordEnv;

    @Override
    public Integer call() {
      FenzConfig config = FenzConfig.load(System.getenv());
      try (Infrastructure infrastructure = Runtime.open(config)) {
        GrantAdmin grant = SeedComponent.create(infrastructure).grantAdmin();
        GrantAdmin.Result result = grant.execute(new GrantAdmin.Command(email, password(), name));
        System.out.println((result.created() ? "created admin " : "promoted to admin: ") + result.user().email()
            + " (id " + result.user().id() + ")");
      }
      return 0;
    }

    /** Never from a command-line flag: it would land in shell history and `ps`. */
    private String password() {
      String fromEnv = System.getenv(passwordEnv);
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

  @Command(name = "reindex-search", description = "Recompute every video's search index entry (batches by id; safe while serving).")
  static final class ReindexSearchCommand implements Callable<Integer> {
    @Option(names = "--batch-size", description = "Videos per transaction (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int batchSize;

    @Option(names = "--from-id", description = "Resume from this video id (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long fromId;

    @Override
    public Integer call() {
      FenzConfig config = FenzConfig.load(System.getenv());
      try (Infrastructure infrastructure = Runtime.open(config)) {
        ReindexSearch reindex = SeedComponent.create(infrastructure).reindexSearch();
        long started = System.nanoTime();
        long[] lastPrint = {started};
        ReindexSearch.Report report = reindex.execute(fromId, batchSize, progress -> {
          long now = System.nanoTime();
          if (now - lastPrint[0] > 2_000_000_000L) {
            lastPrint[0] = now;
            System.out.printf("reindex-search: up to id %d of %d, %d videos, %d changed%n",
                Math.min(progress.nextId() - 1, progress.maxId()), progress.maxId(), progress.seen(), progress.changed());
          }
        });
        System.out.printf("reindex-search: %d videos, %d changed, %.1f s%n", report.seen(), report.changed(),
            (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }
  }
}
