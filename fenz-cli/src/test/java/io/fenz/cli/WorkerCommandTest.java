package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.testing.TestConfigs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `fenz worker` in its own JVM, as deployed. */
@WithFenzServices
class WorkerCommandTest {
  private static final Path LOGS = Path.of("target", "worker-command");

  @Test
  void aTakenMetricsPortStopsTheWorkerWithOneLineNamingTheSettingAndExitCode2(
      TestEnvironment services) throws Exception {
    Files.createDirectories(LOGS);
    Path log = LOGS.resolve("taken-port.log");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> vars = new HashMap<>(TestConfigs.environment(services));
      vars.put("FENZ_WORKER_METRICS_PORT", Integer.toString(taken.getLocalPort()));
      Process worker = FenzProcesses.start(vars, "worker", log);
      try {
        assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as("the worker stopped").isTrue();
      } finally {
        worker.destroyForcibly();
      }
      assertThat(worker.exitValue()).as("exit code").isEqualTo(FenzCommand.USAGE);
      assertThat(Files.readString(log))
          .contains(
              "fenz worker: FENZ_WORKER_METRICS_PORT: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort());
    }
  }
}
