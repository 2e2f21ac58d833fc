package io.fenz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports, because a developer machine or CI may already run MariaDB/Redis on the standard
 * ones.
 */
final class Ports {

  private Ports() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. There is an unavoidable window between closing
   * the probe socket and the child process binding it; in practice the kernel does not hand the
   * same ephemeral port out again that quickly.
   */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free TCP port", e);
    }
  }
}
