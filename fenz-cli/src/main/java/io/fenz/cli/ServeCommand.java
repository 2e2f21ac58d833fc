package io.fenz.cli;

import io.fenz.http.FenzHttpServer;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "Run the HTTP API and web app (production; configured from FENZ_* variables).")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    FenzConfig config = FenzConfig.load(System.getenv());
    Infrastructure infrastructure = Runtime.open(config);
    FenzHttpServer server = Runtime.startHttp(infrastructure);
    System.out.println("FenzVideo API listening on port " + server.port());
    Runtime.awaitShutdown(() -> {
      server.stop();
      infrastructure.close();
    });
    return 0;
  }
}
