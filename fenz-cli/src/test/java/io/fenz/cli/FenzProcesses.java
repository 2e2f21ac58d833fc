package io.fenz.cli;

import java.nio.file.Path;
import java.util.Map;

/** Starts a `fenz` command in its own JVM, on the test's classpath, as it is deployed. */
final class FenzProcesses {
  private FenzProcesses() {}

  /**
   * `fenz <command>` with {@code env} added to this process's environment; output to {@code log}.
   */
  static Process start(Map<String, String> env, String command, Path log) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            FenzCommand.class.getName(),
            command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }
}
