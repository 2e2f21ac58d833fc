package io.fenz.http.routes;

import io.fenz.http.routes.MembershipRoutes.CheckoutResponse;
import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.monetization.app.ListMyDonations;
import io.fenz.monetization.app.StartDonation;
import io.fenz.monetization.domain.Donation;
import io.fenz.platform.Page;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tips (抖內): start one on a video; list those sent and received. Status changes only from Paddle's
 * webhooks.
 */
public final class DonationRoutes implements RouteGroup {
  public record DonationRequest(Long amount, String currency, @Nullable String message) {}

  public record DonationView(
      long id,
      @Nullable Long fromUserId,
      @Nullable String fromName,
      long channelId,
      String channelName,
      @Nullable Long videoId,
      long amount,
      String currency,
      String message,
      String status,
      Instant createdAt,
      @Nullable Instant paidAt) {
    static DonationView of(Donation d) {
      return new DonationView(
          d.id(),
          d.fromUserId(),
          d.fromName(),
          d.channelId(),
          d.channelName(),
          d.videoId(),
          d.amount(),
          d.currency(),
          d.message(),
          d.status(),
          d.createdAt(),
          d.paidAt());
    }
  }

  private final Requests requests;
  private final Principals principals;
  private final StartDonation start;
  private final ListMyDonations list;

  @Inject
  public DonationRoutes(
      Requests requests, Principals principals, StartDonation start, ListMyDonations list) {
    this.requests = requests;
    this.principals = principals;
    this.start = start;
    this.list = list;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("donations");
    routes
        .post("/api/v1/videos/{id}/donations")
        .summary("Tip the video's creator: a pending donation and its Paddle checkout")
        .access(Access.USER)
        .request(DonationRequest.class)
        .response(CheckoutResponse.class)
        .status(201)
        .errors("validation_failed", "video_not_found", "cannot_tip_self", "payments_unavailable")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              long videoId = Requests.pathId(ctx, "id");
              DonationRequest body = requests.body(ctx, DonationRequest.class);
              var started =
                  start.execute(
                      new StartDonation.Command(
                          userId, videoId, body.amount(), body.currency(), body.message()));
              ctx.status(201)
                  .json(
                      new CheckoutResponse(
                          started.donationId(),
                          started.transactionId(),
                          started.checkoutUrl(),
                          started.clientToken()));
            });
    routes.tag("me");
    routes
        .get("/api/v1/me/donations/sent")
        .summary("Tips the caller sent, newest first")
        .access(Access.USER)
        .pageOf(DonationView.class)
        .handle(
            ctx -> ctx.json(view(list.sent(principals.require(ctx).userId(), Requests.page(ctx)))));
    routes
        .get("/api/v1/me/donations/received")
        .summary("Tips the caller's channel received, newest first")
        .access(Access.USER)
        .pageOf(DonationView.class)
        .handle(
            ctx ->
                ctx.json(
                    view(list.received(principals.require(ctx).userId(), Requests.page(ctx)))));
  }

  private static Page<DonationView> view(Page<Donation> page) {
    return new Page<>(
        page.items().stream().map(DonationView::of).toList(),
        page.page(),
        page.pageSize(),
        page.total());
  }
}
