package io.fenz.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Run the background worker (production; configured from FENZ_* variables).")
final class WorkerCommand implements Callable<Integer> {
  private final Cli cli;

  WorkerCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    return Processes.runUntilShutdown(
        cli, "worker", infrastructure -> Processes.startWorker(infrastructure)::close);
  }
}
