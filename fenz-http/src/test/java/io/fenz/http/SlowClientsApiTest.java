package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that hold connections without using them: past a few per address, new ones are closed at
 * once; idle ones are closed after the idle timeout; and everyone else (another address) is still
 * served meanwhile. Loopback has many addresses (127.0.0.2, 127.0.0.3...): the "attacker" connects
 * from one of its own.
 */
@WithFenzServices
class SlowClientsApiTest {
  private static final int CAP = 20;

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of(
              "FENZ_CONNECTIONS_PER_ADDRESS",
              Integer.toString(CAP),
              "FENZ_HTTP_IDLE_TIMEOUT",
              "5s"));

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

  @Test
  void aConnectionThatStopsSendingIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = from("127.0.0.3")) {
      socket
          .getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(15_000);
      InputStream in = socket.getInputStream();
      byte[] answer = in.readAllBytes(); // returns once the server closes
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 200");
    }
    try (Socket socket = from("127.0.0.3")) {
      socket
          .getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(15_000);
      byte[] status = socket.getInputStream().readNBytes(12);
      assertThat(new String(status, StandardCharsets.US_ASCII))
          .as("the address's slot was given back")
          .isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void anUploadDripFedBelowTheMinimumRateIsCutOff() throws Exception {
    String token =
        api.register("drip@example.com", "password-123", "Drip").path("accessToken").asText();
    try (Socket socket = from("127.0.0.4")) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/upload/video HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: video/mp4\r\nContent-Length: 1000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(Arrays.copyOf(Media.sampleMp4(), 1000));
      InputStream in = socket.getInputStream();
      // 100 bytes every 200 ms: 500 B/s, each byte well inside the idle timeout, below the default
      // 1 KiB/s.
      for (int i = 0; i < 100 && in.available() == 0; i++) {
        Thread.sleep(200);
        try {
          out.write(new byte[100]);
        } catch (IOException closedByServer) {
          break;
        }
      }
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 400");
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
