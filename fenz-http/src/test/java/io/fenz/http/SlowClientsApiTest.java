package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that hold connections without using them: past a few per address, new ones are closed at
 * once, and everyone else (another address) is still served meanwhile; an upload drip-fed too
 * slowly is cut off. Loopback has many addresses (127.0.0.2, 127.0.0.3...): the "attacker" connects
 * from one of its own. The idle timeout stays at its default (30 s), far beyond the cap test: with
 * 5 s, a slow run's first held connections reached it before they were checked, were closed, and
 * counted as refused ({@link IdleConnectionsApiTest} has the idle timeout).
 */
@WithFenzServices
class SlowClientsApiTest {
  private static final int CAP = 20;

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(Map.of("FENZ_CONNECTIONS_PER_ADDRESS", Integer.toString(CAP)));

  private static final ApiClient api = app.api;

  @Test
  void oneAddressHoldsAtMostItsCapOfConnectionsAndOthersAreStillServed() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      int refused = 0;
      for (int i = 0; i < 200; i++) {
        Socket socket = from("127.0.0.2");
        held.add(socket);
        // A drip-fed request: a few header bytes now, the rest never.
        socket
            .getOutputStream()
            .write("GET /healthz HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      }
      for (Socket socket : held) {
        if (closedWithin(socket, 100)) {
          refused++;
        }
      }
      assertThat(refused)
          .as("connections past the cap are closed as they open")
          .isEqualTo(200 - CAP);
      assertThat(api.get("/healthz", null).status())
          .as("another address is served meanwhile")
          .isEqualTo(200);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void closedConnectionsStopCountingSoAnAddressOpeningManyInTurnIsAlwaysServed() throws Exception {
    // A health checker or a proxy without keep-alive: one connection per request, far more than
    // the cap in total, never more than one open.
    for (int i = 0; i < 3 * CAP; i++) {
      try (Socket socket = from("127.0.0.4")) {
        socket
            .getOutputStream()
            .write(
                "GET /healthz HTTP/1.1\r\nHost: fenz\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(10_000);
        String answer =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(answer).as("request %d from one address", i + 1).startsWith("HTTP/1.1 200");
      }
    }
  }

  private static Socket from(String localAddress) throws IOException {
    return app.connectFrom(localAddress);
  }

  /** True when the server closed the connection (EOF or reset) within {@code millis}. */
  private static boolean closedWithin(Socket socket, int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
