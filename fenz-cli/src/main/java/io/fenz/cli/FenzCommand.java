package io.fenz.cli;

import io.fenz.platform.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "fenz", mixinStandardHelpOptions = true, version = "FenzVideo 0.1.0",
    description = "FenzVideo: tag-recommended video platform.",
    subcommands = {DevCommand.class, ServeCommand.class, WorkerCommand.class, SeedCommand.class, AdminCommand.class})
public final class FenzCommand {
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new FenzCommand());
    cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
      Throwable root = error;
      if (root instanceof ConfigException || root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
        commandLine.getErr().println("fenz: " + root.getMessage());
        return 2;
      }
      throw error;
    });
    System.exit(cli.execute(args));
  }
}
