package io.fenz.http.routes;

import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.monetization.app.GetCreatorAnalytics;
import io.fenz.monetization.app.GetCreatorVideos;
import io.fenz.monetization.app.SetMembershipOffer;
import io.fenz.monetization.port.ChannelAnalytics;
import io.fenz.platform.Page;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The creator dashboard: own videos with figures, per-day analytics, the membership offer. */
public final class DashboardRoutes implements RouteGroup {
  public record MembershipSettingsRequest(Long price, String currency) {}

  public record MoneyView(String currency, long amount, long count) {
    static List<MoneyView> of(List<ChannelAnalytics.Money> money) {
      return money.stream().map(m -> new MoneyView(m.currency(), m.amount(), m.count())).toList();
    }
  }

  public record DashboardVideoView(
      long id,
      String title,
      boolean published,
      int accessTier,
      @Nullable Instant publishedAt,
      Instant createdAt,
      long viewsMember,
      long viewsNonMember,
      List<MoneyView> donations) {
    static DashboardVideoView of(GetCreatorVideos.Row r) {
      var v = r.video();
      return new DashboardVideoView(
          v.id(),
          v.title(),
          v.published(),
          v.accessTier(),
          v.publishedAt(),
          v.createdAt(),
          v.viewsMember(),
          v.viewsNonMember(),
          MoneyView.of(r.donations()));
    }
  }

  /** {@code date}: YYYY-MM-DD (UTC). */
  public record AnalyticsDayView(
      String date,
      long viewsMember,
      long viewsNonMember,
      long newSubscribers,
      long newMembers,
      long activeMembers,
      List<MoneyView> donations) {}

  /** {@code activeMembers}: on the last day of the range. */
  public record AnalyticsTotalsView(
      long viewsMember,
      long viewsNonMember,
      long newSubscribers,
      long newMembers,
      long activeMembers,
      List<MoneyView> donations) {}

  public record AnalyticsView(
      String from, String to, AnalyticsTotalsView totals, List<AnalyticsDayView> days) {
    static AnalyticsView of(GetCreatorAnalytics.Report r) {
      var t = r.totals();
      return new AnalyticsView(
          r.from().toString(),
          r.to().toString(),
          new AnalyticsTotalsView(
              t.viewsMember(),
              t.viewsNonMember(),
              t.newSubscribers(),
              t.newMembers(),
              t.activeMembers(),
              MoneyView.of(t.donations())),
          r.days().stream()
              .map(
                  d ->
                      new AnalyticsDayView(
                          d.date().toString(),
                          d.viewsMember(),
                          d.viewsNonMember(),
                          d.newSubscribers(),
                          d.newMembers(),
                          d.activeMembers(),
                          MoneyView.of(d.donations())))
              .toList());
    }
  }

  private final Requests requests;
  private final Principals principals;
  private final GetCreatorVideos videos;
  private final GetCreatorAnalytics analytics;
  private final SetMembershipOffer setOffer;

  @Inject
  public DashboardRoutes(
      Requests requests,
      Principals principals,
      GetCreatorVideos videos,
      GetCreatorAnalytics analytics,
      SetMembershipOffer setOffer) {
    this.requests = requests;
    this.principals = principals;
    this.videos = videos;
    this.analytics = analytics;
    this.setOffer = setOffer;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("dashboard");
    routes
        .get("/api/v1/dashboard/videos")
        .summary("Your videos, unpublished too, with member / non-member views and paid tips")
        .access(Access.USER)
        .pageOf(DashboardVideoView.class)
        .errors("channel_not_found")
        .handle(
            ctx -> {
              var page = videos.execute(principals.require(ctx).userId(), Requests.page(ctx));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(DashboardVideoView::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
    routes
        .get("/api/v1/dashboard/analytics")
        .summary("Totals and per-day series over UTC days (default the last 30, at most 366)")
        .access(Access.USER)
        .response(AnalyticsView.class)
        .query("from", "string", "first day, YYYY-MM-DD (default: 29 days before to)")
        .query("to", "string", "last day, YYYY-MM-DD (default: today, UTC)")
        .errors("invalid_request", "invalid_date_range", "date_range_too_long", "channel_not_found")
        .handle(
            ctx ->
                ctx.json(
                    AnalyticsView.of(
                        analytics.execute(
                            principals.require(ctx).userId(),
                            blankToNull(ctx.queryParam("from")),
                            blankToNull(ctx.queryParam("to"))))));
    routes
        .put("/api/v1/dashboard/membership-settings")
        .summary("Set your channel's monthly membership price (minor units)")
        .access(Access.USER)
        .request(MembershipSettingsRequest.class)
        .response(ChannelRoutes.ChannelView.class)
        .errors("validation_failed", "channel_not_found")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              MembershipSettingsRequest body = requests.body(ctx, MembershipSettingsRequest.class);
              ctx.json(
                  ChannelRoutes.ChannelView.of(
                      setOffer.execute(
                          new SetMembershipOffer.Command(userId, body.price(), body.currency()))));
            });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
