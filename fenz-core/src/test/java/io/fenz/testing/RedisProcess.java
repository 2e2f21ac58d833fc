package io.fenz.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway redis-server on a free port, for tests that kill Redis mid-way without touching the
 * shared one.
 */
public final class RedisProcess implements AutoCloseable {
  private final List<String> command;
  private final int port;
  private Process process;

  private RedisProcess(List<String> command, int port) {
    this.command = command;
    this.port = port;
  }

  /** No persistence: a kill loses everything. */
  public static RedisProcess start() throws Exception {
    return start(List.of("--save", "", "--appendonly", "no"));
  }

  /**
   * An append-only file in {@code dir}, fsynced as {@code appendfsync} says ({@code everysec} or
   * {@code always}).
   */
  public static RedisProcess startWithAof(Path dir, String appendfsync) throws Exception {
    return start(
        List.of(
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            appendfsync,
            "--dir",
            dir.toString()));
  }

  private static RedisProcess start(List<String> persistence) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(
            List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1"));
    command.addAll(persistence);
    RedisProcess redis = new RedisProcess(command, port);
    redis.launch();
    return redis;
  }

  private void launch() throws Exception {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    for (int i = 0; i < 100; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("redis-server did not start");
  }

  /** Starts the killed server again on the same port and files, as a supervisor would. */
  public void restart() throws Exception {
    launch();
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server abruptly, as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
