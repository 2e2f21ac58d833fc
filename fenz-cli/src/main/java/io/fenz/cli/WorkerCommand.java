package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.worker.Worker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "worker", description = "Run the background worker (production; configured from FENZ_* variables).")
final class WorkerCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    FenzConfig config = FenzConfig.load(System.getenv());
    Infrastructure infrastructure = Runtime.open(config);
    Worker worker = Runtime.startWorker(infrastructure);
    Runtime.awaitShutdown(() -> {
      worker.close();
      infrastructure.close();
    });
    return 0;
  }
}
