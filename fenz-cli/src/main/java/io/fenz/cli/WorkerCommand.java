package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.worker.Worker;
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
    var telemetry = Telemetry.install(cli.env(), "worker");
    FenzConfig config = cli.config();
    Infrastructure infrastructure = Processes.open(config);
    Worker worker = Processes.startWorker(infrastructure);
    Processes.awaitShutdown(
        () -> {
          worker.close();
          infrastructure.close();
          telemetry.close();
        });
    return 0;
  }
}
