package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * An operator command that works on the live services: flags checked first, then connect, run,
 * report, disconnect.
 */
abstract class OperatorTask implements Callable<Integer> {
  final Cli cli;

  @Mixin Cli.JsonOption output;

  OperatorTask(Cli cli) {
    this.cli = cli;
  }

  @Override
  public final Integer call() {
    checkFlags();
    try (Infrastructure infrastructure = cli.open()) {
      run(OperatorComponent.create(infrastructure));
    }
    return 0;
  }

  /** Rejects bad flags before any connection is made. */
  void checkFlags() {}

  abstract void run(OperatorComponent operator);

  /** {@code json} with --json, else {@code text}. */
  void report(Object json, String text) {
    cli.print(output.json, json, text);
  }
}
