package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.seed.DemoSeeder;
import io.fenz.seed.SeedComponent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "seed", description = "Load the bundled demo data (idempotent).")
final class SeedCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    FenzConfig config = FenzConfig.load(System.getenv());
    try (Infrastructure infrastructure = Runtime.open(config)) {
      DemoSeeder.Report report = SeedComponent.create(infrastructure).seeder()
          .seed(config.devAdmin().email(), config.devAdmin().password());
      System.out.printf("demo data: %d of %d creators and %d videos added%n", report.creatorsCreated(), report.creatorsTotal(),
          report.videosCreated());
    }
    return 0;
  }
}
