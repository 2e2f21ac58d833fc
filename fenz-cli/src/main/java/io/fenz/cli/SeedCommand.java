package io.fenz.cli;

import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.seed.DemoSeeder;
import io.fenz.seed.GeminiTitles;
import io.fenz.seed.SeedComponent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    description = {
      "Load the bundled zh-TW demo set: a second run changes nothing.",
      "A database holding accounts the seed did not write is refused unless --force.",
      "With GEMINI_API_KEY set, 20 extra videos get titles from the Gemini API (bundled set only if it fails)."
    })
final class SeedCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(
      names = "--reset",
      description =
          "Delete what the seed wrote (demo accounts and everything they own) and write it again.")
  boolean reset;

  @Option(
      names = "--force",
      description = "Write the demo set even though the database holds other accounts.")
  boolean force;

  @Option(
      names = "--videos",
      paramLabel = "N",
      description = "Also top the demo channels up to N extra benchmark videos (bulk insert).")
  long videos;

  @Mixin Cli.JsonOption output;

  SeedCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (videos < 0 || videos > 10_000_000) {
      throw new IllegalArgumentException("--videos must be between 0 and 10000000");
    }
    FenzConfig config = cli.config();
    try (Infrastructure infrastructure = cli.open()) {
      SeedComponent seed = SeedComponent.create(infrastructure);
      long started = System.nanoTime();
      DemoSeeder.Report report =
          seed.seeder()
              .seed(
                  config.devAdmin().email(),
                  config.devAdmin().password(),
                  new DemoSeeder.Options(reset, force, videos),
                  GeminiTitles.fromEnvironment(cli.env()));
      if (report.changedAnything()) {
        seed.warmFeedCache().execute();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String text =
          report.written() == null
              ? "demo data already present: nothing written"
              : "demo data written: " + report.written();
      if (videos > 0) {
        text +=
            String.format(
                "%nbenchmark videos: %d added, %d in total",
                report.bulkAdded(), report.bulkTotal());
      }
      cli.print(output.json, report, text + String.format("%n(%.1f s)", seconds));
    }
    return 0;
  }
}
