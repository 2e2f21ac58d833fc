package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
    PrometheusMeterRegistry metrics = Processes.metrics(infrastructure);
    // Bound first: a taken port stops the command before any job runs.
    WorkerEndpoint endpoint =
        WorkerEndpoint.start(config.http().host(), config.worker().metricsPort(), metrics);
    Worker worker = Processes.startWorker(infrastructure, metrics);
    System.out.println("FenzVideo worker: /metrics and /healthz on port " + endpoint.port());
    Processes.awaitShutdown(
        () -> {
          endpoint.close();
          worker.close();
          infrastructure.close();
          telemetry.close();
        });
    return 0;
  }
}
