package io.fenz.http.routes;

import io.fenz.http.support.RouteTable;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.port.CheckoutSimulator;
import io.fenz.platform.error.FenzException;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local payment simulator's checkout page (`fenz dev` without PADDLE_API_KEY only; never
 * registered otherwise). Its buttons make the simulator send signed webhooks to
 * /api/v1/webhooks/paddle.
 */
public final class PaymentSimulatorRoutes implements RouteGroup {
  private static final Pattern TRANSACTION = Pattern.compile("^txn_sim[0-9a-f]{32}$");
  private final Optional<CheckoutSimulator> simulator;

  @Inject
  public PaymentSimulatorRoutes(Optional<CheckoutSimulator> simulator) {
    this.simulator = simulator;
  }

  @Override
  public void register(RouteTable routes) {
    if (simulator.isEmpty()) {
      return;
    }
    CheckoutSimulator simulator = this.simulator.get();
    routes.tag("dev");
    String path = CheckoutSimulator.CHECKOUT_PATH + "{transactionId}";
    routes
        .get(path)
        .summary("Local payment simulator: checkout page (no real money)")
        .errors("checkout_not_found")
        .handle(ctx -> page(ctx, simulator, null));
    routes
        .post(path + "/pay")
        .summary("Local payment simulator: pay (sends a signed transaction.completed)")
        .errors("checkout_not_found")
        .handle(
            ctx -> {
              simulator.pay(transaction(ctx));
              page(ctx, simulator, "Paid (simulated). The webhook has been delivered.");
            });
    routes
        .post(path + "/fail")
        .summary("Local payment simulator: decline (sends a signed transaction.payment_failed)")
        .errors("checkout_not_found")
        .handle(
            ctx -> {
              simulator.fail(transaction(ctx));
              page(ctx, simulator, "Payment declined (simulated). The webhook has been delivered.");
            });
  }

  private static String transaction(Context ctx) {
    String id = ctx.pathParam("transactionId");
    if (!TRANSACTION.matcher(id).matches()) {
      throw FenzException.notFound("checkout_not_found", "No open checkout with this id.");
    }
    return id;
  }

  private static void page(Context ctx, CheckoutSimulator simulator, String result) {
    String id = transaction(ctx);
    Checkout c =
        simulator
            .checkout(id)
            .orElseThrow(
                () ->
                    FenzException.notFound("checkout_not_found", "No open checkout with this id."));
    String body =
        result != null
            ? "<p class=result>" + escape(result) + "</p><p><a href=\"/\">Back to FenzVideo</a></p>"
            : """
        <form method=post action="%1$s/pay"><button>Pay (simulated)</button></form>
        <form method=post action="%1$s/fail"><button>Decline (simulated)</button></form>"""
                .formatted(escape(ctx.path()));
    ctx.contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .result(
            """
        <!doctype html><html lang=en><meta charset=utf-8><title>Local payment simulator</title>
        <style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto}.banner{background:#b00020;color:#fff;padding:1rem;font-weight:bold}
        form{display:inline-block;margin-right:1rem}button{font-size:1.1rem;padding:.5rem 1rem}</style>
        <div class=banner>LOCAL PAYMENT SIMULATOR — development only, no real money moves</div>
        <h1>%s</h1><p>%s %s (minor units) · %s</p>%s</html>"""
                .formatted(
                    escape(c.description()),
                    c.amount(),
                    escape(c.currency()),
                    c.kind() == Checkout.Kind.MEMBERSHIP ? "monthly membership" : "one-time tip",
                    body));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
