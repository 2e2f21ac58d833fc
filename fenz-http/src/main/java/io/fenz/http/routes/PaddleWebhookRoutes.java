package io.fenz.http.routes;

import io.fenz.http.support.Access;
import io.fenz.http.support.RouteTable;
import io.fenz.monetization.app.ReceivePaddleWebhook;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * Paddle's notifications: verified on the raw bytes before they are read, then applied once, in
 * order per entity.
 */
public final class PaddleWebhookRoutes implements RouteGroup {
  /**
   * applied, duplicate (seen before), stale (older than what is stored) or ignored (nothing for
   * us).
   */
  public record WebhookResponse(String outcome) {}

  private final ReceivePaddleWebhook receive;

  @Inject
  public PaddleWebhookRoutes(ReceivePaddleWebhook receive) {
    this.receive = receive;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("webhooks");
    routes
        .post("/api/v1/webhooks/paddle")
        .summary("Paddle Billing notifications (Paddle-Signature: ts=...;h1=...)")
        .access(Access.SIGNATURE)
        .response(WebhookResponse.class)
        .errors("invalid_signature", "payload_too_large")
        .handle(
            ctx -> {
              var outcome = receive.execute(ctx.header("Paddle-Signature"), ctx.bodyAsBytes());
              ctx.json(new WebhookResponse(outcome.name().toLowerCase(Locale.ROOT)));
            });
  }
}
