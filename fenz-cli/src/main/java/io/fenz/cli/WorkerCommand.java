package io.fenz.cli;

import io.fenz.worker.Worker;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
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
          // Bound first: a taken port stops the command before any job runs.
          WorkerEndpoint endpoint;
          try {
            endpoint =
                WorkerEndpoint.start(
                    infrastructure.config().http().host(),
                    infrastructure.config().worker().metricsPort(),
                    metrics);
          } catch (IOException e) {
            throw new UncheckedIOException("worker metrics port: " + e.getMessage(), e);
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
