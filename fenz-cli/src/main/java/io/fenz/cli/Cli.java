package io.fenz.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.json.Json;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * What every command gets from the process: its environment (the only configuration source) and
 * where to write. Commands take it in their constructor (see {@link #factory()}), so a test runs
 * them in-process with its own environment and captures the output.
 */
record Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
  private static final ObjectMapper JSON = Json.mapper();

  FenzConfig config() {
    return FenzConfig.load(env);
  }

  /** Connects to every service and applies pending migrations (as serve and worker do at start). */
  Infrastructure open() {
    return Processes.open(config());
  }

  /** Prints {@code text} for people, or {@code value} as one line of JSON with {@code --json}. */
  void print(boolean json, Object value, String text) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
      }
    } else {
      out.println(text);
    }
    out.flush();
  }

  /** Builds command objects, handing this context to those whose constructor takes it. */
  CommandLine.IFactory factory() {
    CommandLine.IFactory fallback = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          var constructor = type.getDeclaredConstructor(Cli.class);
          constructor.setAccessible(true);
          return constructor.newInstance(Cli.this);
        } catch (NoSuchMethodException noContext) {
          return fallback.create(type);
        }
      }
    };
  }

  /** {@code --json} on every operator command. */
  static final class JsonOption {
    @CommandLine.Option(names = "--json", description = "Print the result as one line of JSON.")
    boolean json;
  }
}
