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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send too slowly: a connection that stops sending is closed after the idle timeout (5
 * s here) and its address's slot under the per-address cap is given back; an upload drip-fed below
 * the minimum rate is cut off. Its own app: the cap test in {@link SlowClientsApiTest} holds
 * connections open for seconds, longer than this timeout on a slow run.
 */
@WithFenzServices
class SlowSendersApiTest {
  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of("FENZ_CONNECTIONS_PER_ADDRESS", "20", "FENZ_HTTP_IDLE_TIMEOUT", "5s"));

  private static final ApiClient api = app.api;

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
}
