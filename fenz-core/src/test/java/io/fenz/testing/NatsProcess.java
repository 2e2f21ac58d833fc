package io.fenz.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway nats-server with JetStream on a free port and its own store dir, which survives
 * {@link #stop()}/{@link #start()}.
 */
public final class NatsProcess implements AutoCloseable {
  private final int port;
  private final Path store;
  private Process process;

  private NatsProcess(int port, Path store) {
    this.port = port;
    this.store = store;
  }

  public static NatsProcess launch() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    NatsProcess nats = new NatsProcess(port, Files.createTempDirectory("fenz-nats-"));
    nats.start();
    return nats;
  }

  public void start() throws Exception {
    process =
        new ProcessBuilder(
                "nats-server",
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-sd",
                store.toString())
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
    throw new IllegalStateException("nats-server did not start");
  }

  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** Kills the server abruptly, as a crash would; the store stays for the next start. */
  public void stop() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    stop();
    try (Stream<Path> files = Files.walk(store)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
