package io.fenz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/** An embedded Redis (the 6.2 binary embedded-redis ships) on a free loopback port. */
final class RedisService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisService.class);

  private final RedisServer server;
  private final int port;

  private RedisService(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts Redis with its working directory (AOF/RDB files) in {@code dir}.
   *
   * @param durable append-only file on, so every write survives a restart; off for throwaway data
   */
  static RedisService start(Path dir, boolean durable) {
    RedisServer server = null;
    try {
      Files.createDirectories(dir);
      int port = Ports.freeLoopbackPort();
      var builder =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("dir " + quoted(dir.toAbsolutePath().toString()))
              // Redis' stdout must be drained or it blocks once the pipe is full.
              .soutListener(line -> LOG.debug("redis: {}", line))
              .serrListener(line -> LOG.debug("redis: {}", line))
              .onShutdownForceStop(false); // SIGTERM, so Redis flushes the AOF / writes its RDB
      if (durable) {
        builder.setting("appendonly yes").setting("appendfsync everysec");
      } else {
        builder.setting("appendonly no").setting("save \"\"");
      }
      server = builder.build();
      server.start();
      return new RedisService(server, port);
    } catch (IOException e) {
      stopQuietly(server);
      throw new UncheckedIOException("Could not start embedded Redis in " + dir, e);
    } catch (RuntimeException e) {
      stopQuietly(server);
      throw new IllegalStateException(
          "Could not start embedded Redis in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** redis.conf string syntax, so a path with spaces stays one argument. */
  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(RedisServer server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stopping embedded Redis failed", e);
    }
  }
}
