package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.events.DeadLetters;
import io.fenz.platform.events.JdbiDeadLetters;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `fenz admin dead-letters list|replay`: events a consumer parked after its redeliveries
 * (docs/events.md).
 */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    description = "Events a consumer gave up on: list them, or replay them once fixed.",
    subcommands = {DeadLettersCommand.ListParked.class, DeadLettersCommand.Replay.class})
final class DeadLettersCommand {
  private static DeadLetters open(Infrastructure infrastructure) {
    return new JdbiDeadLetters(infrastructure.database(), infrastructure.clock());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Parked events, newest first.")
  static final class ListParked implements Callable<Integer> {
    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Also those already replayed.")
    boolean all;

    @Override
    public Integer call() {
      try (Infrastructure infrastructure = Processes.open(FenzConfig.load(System.getenv()))) {
        List<DeadLetters.Parked> parked =
            open(infrastructure).list(Math.max(1, Math.min(limit, 10_000)), all);
        for (DeadLetters.Parked p : parked) {
          System.out.printf(
              "%d  %s  %s  %s  event %s  deliveries %d%s%n    error: %s%n    payload: %s%n",
              p.id(),
              p.parkedAt(),
              p.consumer(),
              p.subject(),
              p.eventId(),
              p.deliveries(),
              p.replayedAt() == null ? "" : "  replayed " + p.replayedAt(),
              p.error(),
              p.payload());
        }
        System.out.println(parked.size() + " parked event(s)");
      }
      return 0;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = "Send parked events through the outbox again (consumers still deduplicate).")
  static final class Replay implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Dead-letter ids from `list`.")
    List<Long> ids;

    @Override
    public Integer call() {
      int missing = 0;
      try (Infrastructure infrastructure = Processes.open(FenzConfig.load(System.getenv()))) {
        DeadLetters deadLetters = open(infrastructure);
        for (long id : ids) {
          boolean replayed = deadLetters.replay(id);
          System.out.println(replayed ? "replayed " + id : "no dead letter " + id);
          missing += replayed ? 0 : 1;
        }
      }
      return missing == 0 ? 0 : 1;
    }
  }
}
