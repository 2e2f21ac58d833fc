package io.fenz.cli;

import io.fenz.platform.config.ConfigException;
import io.fenz.platform.config.FenzConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "config",
    description = "Check the configuration.",
    mixinStandardHelpOptions = true,
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand {

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Validate every FENZ_* variable as serve and worker would, without connecting or starting anything (secrets are not printed).")
  static final class Check implements Callable<Integer> {
    private final Cli cli;
    @Mixin Cli.JsonOption output;

    Check(Cli cli) {
      this.cli = cli;
    }

    @Override
    public Integer call() {
      FenzConfig config = cli.config();
      String logFormat = cli.env().getOrDefault("FENZ_LOG_FORMAT", "text");
      if (!logFormat.equals("text") && !logFormat.equals("json")) {
        throw new ConfigException("FENZ_LOG_FORMAT must be text or json, got '" + logFormat + "'");
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("ok", true);
      summary.put("http", config.http().host() + ":" + config.http().port());
      summary.put("worker metrics", config.http().host() + ":" + config.worker().metricsPort());
      summary.put("database", config.database().toString());
      summary.put("redis", config.redis().toString());
      summary.put("s3", config.s3().toString());
      summary.put("nats", config.natsUrl() == null ? "off (events stay in-process)" : "on");
      summary.put("auth", config.auth().toString());
      summary.put("logs", logFormat);
      summary.put(
          "tracing",
          cli.env().getOrDefault(Telemetry.ENDPOINT, "").isBlank()
              ? "ids in logs only"
              : "exported over OTLP");
      summary.put("search", config.search().inMemory() ? "memory" : "fulltext");
      StringBuilder text = new StringBuilder("configuration OK");
      summary.forEach(
          (k, v) -> {
            if (!k.equals("ok")) {
              text.append(System.lineSeparator()).append("  ").append(k).append(": ").append(v);
            }
          });
      cli.print(output.json, summary, text.toString());
      return 0;
    }
  }
}
