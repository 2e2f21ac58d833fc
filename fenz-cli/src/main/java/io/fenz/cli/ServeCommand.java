package io.fenz.cli;

import io.fenz.http.FenzHttpServer;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
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
    var telemetry = Telemetry.install(cli.env(), "serve");
    FenzConfig config = cli.config();
    Infrastructure infrastructure = Processes.open(config);
    FenzHttpServer server = Processes.startHttp(infrastructure, Processes.metrics(infrastructure));
    System.out.println("FenzVideo API listening on port " + server.port());
    Processes.awaitShutdown(
        () -> {
          server.stop();
          infrastructure.close();
          telemetry.close();
        });
    return 0;
  }
}
