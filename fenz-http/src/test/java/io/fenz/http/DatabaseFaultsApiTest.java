package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.TcpGate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB gone from under a running app (a gate between them refuses every connection and drops
 * those it carried): what needs the database is answered 503 problem+json, and the app serves again
 * once the database is back.
 */
@WithFenzServices
class DatabaseFaultsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TcpGate gate;
  private static TestApp app;

  @BeforeAll
  static void start(TestEnvironment env) throws Exception {
    gate = TcpGate.inFrontOfDatabase(env.jdbcUrl());
    app = TestApp.start(env, Map.of("FENZ_DB_URL", gate.jdbcUrl(env.jdbcUrl())), Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    gate.close();
  }

  @Test
  void aCallThatNeedsTheDatabaseIsAnsweredBusyWhileItIsGoneAndServedOnceItIsBack()
      throws Exception {
    TestApp.User user = app.user("db-gone@example.com", "Gone");
    assertThat(app.api.get("/api/v1/notifications", user.token()).status()).isEqualTo(200);

    gate.set(TcpGate.Mode.REFUSE);
    try {
      // The first on a pooled connection the database dropped, the rest waiting for a new one.
      for (int call = 0; call < 3; call++) {
        var answer = app.api.get("/api/v1/notifications", user.token());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().path("code").asText()).isEqualTo("busy");
      }
    } finally {
      gate.set(TcpGate.Mode.FORWARD);
    }
    assertThat(app.api.get("/api/v1/notifications", user.token()).status())
        .as("the database is back")
        .isEqualTo(200);
  }

  @Test
  void aNotificationStreamWhoseStartCannotBeReadIsAProblemNotAStreamThatCloses() throws Exception {
    TestApp.User user = app.user("db-faults@example.com", "Faults");
    String token = streamToken(user);

    gate.set(TcpGate.Mode.REFUSE);
    HttpResponse<String> refused;
    try {
      refused = HTTP.send(streamRequest(token), HttpResponse.BodyHandlers.ofString());
    } finally {
      gate.set(TcpGate.Mode.FORWARD);
    }
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("busy");

    HttpResponse<Stream<String>> back =
        HTTP.send(streamRequest(streamToken(user)), HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = back.body()) {
      assertThat(back.statusCode()).as("the database is back").isEqualTo(200);
      assertThat(lines.filter(line -> line.startsWith("event:")).findFirst())
          .hasValue("event: unread");
    }
  }

  private static String streamToken(TestApp.User user) {
    var answer = app.api.post("/api/v1/notifications/stream-token", null, user.token());
    assertThat(answer.status()).isEqualTo(200);
    return answer.json().path("token").asText();
  }

  private static HttpRequest streamRequest(String token) {
    return HttpRequest.newBuilder(
            URI.create(app.api.baseUrl() + "/api/v1/notifications/stream?token=" + token))
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
