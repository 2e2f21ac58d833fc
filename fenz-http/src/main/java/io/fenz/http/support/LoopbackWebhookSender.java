package io.fenz.http.support;

import io.fenz.http.FenzHttpServer;
import io.fenz.monetization.port.WebhookSender;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Delivers the local payment simulator's notifications over HTTP to this server's own webhook
 * endpoint.
 */
public final class LoopbackWebhookSender implements WebhookSender {
  private final Provider<FenzHttpServer> server;
  private final String host;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Inject
  public LoopbackWebhookSender(Provider<FenzHttpServer> server, FenzConfig config) {
    this.server = server;
    String configured = config.http().host();
    this.host = configured.equals("0.0.0.0") || configured.equals("::") ? "127.0.0.1" : configured;
  }

  @Override
  public void send(String signatureHeader, byte[] body) {
    URI target =
        URI.create("http://" + host + ":" + server.get().port() + "/api/v1/webhooks/paddle");
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Paddle-Signature", signatureHeader)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 200) {
        throw FenzException.unavailable(
            "payments_unavailable", "The webhook endpoint answered " + status + ".");
      }
    } catch (IOException e) {
      throw FenzException.unavailable(
          "payments_unavailable", "The webhook endpoint could not be reached.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FenzException.unavailable(
          "payments_unavailable", "Interrupted while delivering the webhook.");
    }
  }
}
