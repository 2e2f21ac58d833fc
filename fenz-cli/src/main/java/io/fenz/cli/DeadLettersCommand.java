package io.fenz.cli;

import io.fenz.platform.error.FenzException;
import io.fenz.platform.events.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private DeadLettersCommand() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Parked events, newest first.")
  static final class ListParked extends OperatorTask {
    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Also those already replayed.")
    boolean all;

    ListParked(Cli cli) {
      super(cli);
    }

    @Override
    void run(OperatorComponent operator) {
      List<DeadLetters.Parked> parked =
          operator.deadLetters().list(Math.max(1, Math.min(limit, 10_000)), all);
      StringBuilder text = new StringBuilder();
      for (DeadLetters.Parked p : parked) {
        text.append(
            String.format(
                "%d  %s  %s  %s  event %s  deliveries %d%s%n    error: %s%n    payload: %s%n",
                p.id(),
                p.parkedAt(),
                p.consumer(),
                p.subject(),
                p.eventId(),
                p.deliveries(),
                p.replayedAt() == null ? "" : "  replayed " + p.replayedAt(),
                p.error(),
                p.payload()));
      }
      report(Map.of("parked", parked), text + (parked.size() + " parked event(s)"));
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Send parked events through the outbox again (consumers still deduplicate); exits 3 if an id is unknown.")
  static final class Replay extends OperatorTask {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Dead-letter ids from `list`.")
    List<Long> ids;

    Replay(Cli cli) {
      super(cli);
    }

    record Outcome(List<Long> replayed, List<Long> missing) {}

    @Override
    void run(OperatorComponent operator) {
      List<Long> replayed = new ArrayList<>();
      List<Long> missing = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (long id : ids) {
        boolean done = operator.deadLetters().replay(id);
        (done ? replayed : missing).add(id);
        text.append(text.isEmpty() ? "" : System.lineSeparator())
            .append(done ? "replayed " : "no dead letter ")
            .append(id);
      }
      report(new Outcome(replayed, missing), text.toString());
      if (!missing.isEmpty()) {
        throw FenzException.notFound("dead_letter_not_found", "no dead letter " + missing);
      }
    }
  }
}
