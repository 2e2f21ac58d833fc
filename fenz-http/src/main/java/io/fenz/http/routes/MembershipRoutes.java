package io.fenz.http.routes;

import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.monetization.app.CancelMembership;
import io.fenz.monetization.app.JoinMembership;
import io.fenz.monetization.app.ListMyMemberships;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.domain.Membership;
import io.fenz.platform.Page;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Paid channel memberships: join through a Paddle checkout, cancel at period end, list your own.
 */
public final class MembershipRoutes implements RouteGroup {
  /**
   * {@code clientToken}: open the transaction with Paddle.js; absent when {@code checkoutUrl} is a
   * page of its own (the local simulator).
   */
  public record CheckoutResponse(
      @Nullable Long donationId,
      String transactionId,
      String checkoutUrl,
      @Nullable String clientToken) {
    static CheckoutResponse of(Checkout.Started s) {
      return new CheckoutResponse(null, s.transactionId(), s.checkoutUrl(), s.clientToken());
    }
  }

  /**
   * {@code active}: grants access now; {@code endsAt}: when access ends if nothing changes (null
   * while renewing).
   */
  public record MembershipView(
      long id,
      long channelId,
      String channelName,
      String status,
      boolean active,
      @Nullable Instant currentPeriodEnd,
      @Nullable Instant cancelAt,
      @Nullable Instant endsAt,
      @Nullable Instant since) {
    static MembershipView of(ListMyMemberships.Item item) {
      Membership m = item.membership();
      return new MembershipView(
          m.id(),
          m.channelId(),
          m.channelName(),
          m.status(),
          item.active(),
          m.currentPeriodEnd(),
          m.cancelAt(),
          m.endsAt(),
          m.activatedAt());
    }
  }

  private final Principals principals;
  private final JoinMembership join;
  private final CancelMembership cancel;
  private final ListMyMemberships list;

  @Inject
  public MembershipRoutes(
      Principals principals, JoinMembership join, CancelMembership cancel, ListMyMemberships list) {
    this.principals = principals;
    this.join = join;
    this.cancel = cancel;
    this.list = list;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("memberships");
    routes
        .post("/api/v1/channels/{id}/membership")
        .summary("Start a paid membership: a Paddle checkout; membership follows Paddle's webhook")
        .access(Access.USER)
        .response(CheckoutResponse.class)
        .errors(
            "channel_not_found",
            "cannot_join_own_channel",
            "membership_not_offered",
            "already_member",
            "payments_unavailable")
        .handle(
            ctx ->
                ctx.json(
                    CheckoutResponse.of(
                        join.execute(
                            principals.require(ctx).userId(), Requests.pathId(ctx, "id")))));
    routes
        .delete("/api/v1/channels/{id}/membership")
        .summary("Cancel at the end of the paid period (access continues until then)")
        .access(Access.USER)
        .status(202)
        .response(MembershipView.class)
        .errors(
            "channel_not_found",
            "membership_not_found",
            "membership_ending",
            "payments_unavailable")
        .handle(
            ctx ->
                ctx.status(202)
                    .json(
                        MembershipView.of(
                            cancel.execute(
                                principals.require(ctx).userId(), Requests.pathId(ctx, "id")))));
    routes.tag("me");
    routes
        .get("/api/v1/me/memberships")
        .summary("The caller's memberships, newest first, with whether each grants access now")
        .access(Access.USER)
        .pageOf(MembershipView.class)
        .handle(
            ctx -> {
              var page = list.execute(principals.require(ctx).userId(), Requests.page(ctx));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(MembershipView::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
  }
}
