package io.fenz.cli;

import io.fenz.platform.config.ConfigException;
import io.fenz.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
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
        cli,
        "worker",
        infrastructure -> {
          PrometheusMeterRegistry metrics = Processes.metrics(infrastructure);
          // Bound first: a taken port stops the command, as a bad setting does, before any job
          // runs.
          String host = infrastructure.config().http().host();
          int port = infrastructure.config().worker().metricsPort();
          WorkerEndpoint endpoint;
          try {
            endpoint = WorkerEndpoint.start(host, port, metrics);
          } catch (IOException e) {
            throw new ConfigException(
                "FENZ_WORKER_METRICS_PORT: cannot listen on "
                    + host
                    + ":"
                    + port
                    + " ("
                    + e.getMessage()
                    + ")");
          }
          Worker worker = Processes.startWorker(infrastructure, metrics);
          System.out.println("FenzVideo worker: /metrics and /healthz on port " + endpoint.port());
          return () -> {
            endpoint.close();
            worker.close();
          };
        });
  }
}
