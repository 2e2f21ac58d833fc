package io.fenz.cli;

import io.fenz.http.FenzHttpServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the HTTP API and web app (production; configured from FENZ_* variables).")
final class ServeCommand implements Callable<Integer> {
  private final Cli cli;

  ServeCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws Exception {
    return Processes.runUntilShutdown(
        cli,
        "serve",
        infrastructure -> {
          FenzHttpServer server =
              Processes.startHttp(infrastructure, Processes.metrics(infrastructure));
          System.out.println("FenzVideo API listening on port " + server.port());
          return server::stop;
        });
  }
}
