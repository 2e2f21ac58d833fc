package io.fenz.cli;

import io.fenz.platform.config.ConfigException;
import io.fenz.platform.error.FenzException;
import io.fenz.seed.DemoSeeder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "fenz",
    mixinStandardHelpOptions = true,
    version = "FenzVideo 0.1.0",
    description = "FenzVideo: tag-recommended video platform.",
    subcommands = {
      DevCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      SeedCommand.class,
      AdminCommand.class,
      ConfigCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a service failed or an unexpected error",
      "2:wrong flags, bad value or bad configuration",
      "3:no such user (or other id)",
      "4:refused (foreign data without --force, last admin, ...)"
    })
public final class FenzCommand {
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int NOT_FOUND = 3;
  static final int REFUSED = 4;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(args, System.getenv(), out, err));
  }

  /**
   * Runs one command line; every failure ends as one line on {@code err} and a documented exit
   * code.
   */
  static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    Cli cli = new Cli(env, out, err);
    CommandLine commandLine = new CommandLine(new FenzCommand(), cli.factory());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (error, arguments) -> {
          err.println(
              error.getCommandLine().getCommandName()
                  + ": "
                  + error.getMessage()
                  + " (see --help)");
          err.flush();
          return USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (error, failed, parseResult) -> {
          err.println("fenz " + failed.getCommandName() + ": " + oneLine(error));
          err.flush();
          return exitCode(error);
        });
    return commandLine.execute(args);
  }

  static int exitCode(Exception error) {
    if (error instanceof FenzException fenz) {
      return switch (fenz.kind()) {
        case NOT_FOUND -> NOT_FOUND;
        case CONFLICT, FORBIDDEN -> REFUSED;
        case UNAVAILABLE, RATE_LIMITED -> FAILED;
        default -> USAGE;
      };
    }
    if (error instanceof DemoSeeder.ForeignDataException) {
      return REFUSED;
    }
    if (error instanceof ConfigException || error instanceof IllegalArgumentException) {
      return USAGE;
    }
    return FAILED;
  }

  private static String oneLine(Exception error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    if (error instanceof FenzException fenz) {
      message += " (" + fenz.code() + ")";
    }
    return message.replace('\n', ' ');
  }
}
