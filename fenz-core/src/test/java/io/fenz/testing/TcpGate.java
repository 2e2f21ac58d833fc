package io.fenz.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throwaway TCP server in front of a test service (S3, MariaDB): it forwards, refuses connections
 * (its port closed), stalls (accepts and never answers), or freezes (as a host that hangs: the
 * connections it carries stay open and carry nothing more, new ones are accepted and never
 * answered). Switching to any mode but {@link Mode#FREEZE} drops every connection it carried, as a
 * failing service would.
 */
public final class TcpGate implements AutoCloseable {
  public enum Mode {
    FORWARD,
    REFUSE,
    STALL,
    FREEZE
  }

  private final URI target;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile Mode mode;

  /** In front of {@code targetEndpoint}, a URI naming the service's host and port. */
  public TcpGate(String targetEndpoint) throws IOException {
    this.target = URI.create(targetEndpoint);
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    }
    set(Mode.FORWARD);
  }

  /** The gate as an HTTP endpoint (S3's). */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A gate in front of the database {@code jdbcUrl} names. */
  public static TcpGate inFrontOfDatabase(String jdbcUrl) throws IOException {
    URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
    return new TcpGate("tcp://" + database.getHost() + ":" + database.getPort());
  }

  /** {@code jdbcUrl} with the gate in place of the database's host and port. */
  public String jdbcUrl(String jdbcUrl) {
    return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
  }

  public synchronized void set(Mode next) throws IOException {
    mode = next;
    if (next == Mode.FREEZE) {
      return;
    }
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
    if (next == Mode.REFUSE) {
      closeServer();
    } else if (server == null) {
      ServerSocket opened = new ServerSocket();
      opened.setReuseAddress(true);
      opened.bind(new InetSocketAddress("127.0.0.1", port));
      server = opened;
      Thread.ofVirtual().start(() -> accept(opened));
    }
  }

  private void accept(ServerSocket opened) {
    while (!opened.isClosed()) {
      try {
        Socket client = opened.accept();
        sockets.add(client);
        if (mode == Mode.FORWARD) {
          Socket upstream = new Socket(target.getHost(), target.getPort());
          sockets.add(upstream);
          Thread.ofVirtual().start(() -> pipe(client, upstream));
          Thread.ofVirtual().start(() -> pipe(upstream, client));
        }
        // STALL, FREEZE: the connection is held open, nothing is read or written.
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies {@code from} to {@code to}, holding what it reads while the gate is frozen. */
  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        while (mode == Mode.FREEZE && !to.isClosed()) {
          Thread.sleep(10);
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException dropped) {
      // the other side or the gate closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeServer() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    closeServer();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
