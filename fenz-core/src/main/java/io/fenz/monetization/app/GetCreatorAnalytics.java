package io.fenz.monetization.app;

import io.fenz.monetization.port.ChannelAnalytics;
import io.fenz.monetization.port.ChannelAnalytics.Money;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.monetization.port.CreatorContent;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A creator's figures over a range of UTC days (both ends included; default the last 30 days, at
 * most {@link #MAX_DAYS}): totals and one entry per day of views (member / non-member), new
 * subscribers, new and active members, and paid tips per currency.
 */
public final class GetCreatorAnalytics {
  public static final int MAX_DAYS = 366;

  public record Day(
      LocalDate date,
      long viewsMember,
      long viewsNonMember,
      long newSubscribers,
      long newMembers,
      long activeMembers,
      List<Money> donations) {}

  public record Totals(
      long viewsMember,
      long viewsNonMember,
      long newSubscribers,
      long newMembers,
      long activeMembers,
      List<Money> donations) {}

  public record Report(LocalDate from, LocalDate to, Totals totals, List<Day> days) {}

  private final ChannelRepository channels;
  private final CreatorContent content;
  private final ChannelAnalytics analytics;
  private final Clock clock;

  @Inject
  public GetCreatorAnalytics(
      ChannelRepository channels, CreatorContent content, ChannelAnalytics analytics, Clock clock) {
    this.channels = channels;
    this.content = content;
    this.analytics = analytics;
    this.clock = clock;
  }

  /** {@code from}/{@code to} as sent (YYYY-MM-DD, either may be null). */
  public Report execute(long userId, String fromText, String toText) {
    return UseCaseSpan.call("GetCreatorAnalytics", () -> perform(userId, fromText, toText));
  }

  private Report perform(long userId, String fromText, String toText) {
    LocalDate to =
        toText == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : date("to", toText);
    LocalDate from = fromText == null ? to.minusDays(29) : date("from", fromText);
    if (from.isAfter(to)) {
      throw rangeError("invalid_date_range", "from must not be after to.");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw rangeError("date_range_too_long", "A range covers at most " + MAX_DAYS + " days.");
    }
    long channelId =
        channels
            .channelIdOf(userId)
            .orElseThrow(() -> FenzException.notFound("channel_not_found", "You have no channel."));
    Map<LocalDate, CreatorContent.DailyViews> views =
        content.dailyViews(channelId, from, to).stream()
            .collect(Collectors.toMap(CreatorContent.DailyViews::day, v -> v));
    Map<LocalDate, Long> subscribers = analytics.newSubscribers(channelId, from, to);
    Map<LocalDate, Long> joined = analytics.newMembers(channelId, from, to);
    Map<LocalDate, Long> active = analytics.activeMembers(channelId, from, to);
    Map<LocalDate, List<Money>> tips = new TreeMap<>();
    analytics
        .donations(channelId, from, to)
        .forEach(d -> tips.computeIfAbsent(d.day(), k -> new ArrayList<>()).add(d.money()));
    List<Day> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      CreatorContent.DailyViews v = views.get(day);
      days.add(
          new Day(
              day,
              v == null ? 0 : v.member(),
              v == null ? 0 : v.nonMember(),
              subscribers.getOrDefault(day, 0L),
              joined.getOrDefault(day, 0L),
              active.getOrDefault(day, 0L),
              tips.getOrDefault(day, List.of())));
    }
    Map<String, Money> perCurrency = new TreeMap<>();
    tips.values()
        .forEach(
            list ->
                list.forEach(
                    m ->
                        perCurrency.merge(
                            m.currency(),
                            m,
                            (a, b) ->
                                new Money(
                                    a.currency(),
                                    a.amount() + b.amount(),
                                    a.count() + b.count()))));
    Totals totals =
        new Totals(
            days.stream().mapToLong(Day::viewsMember).sum(),
            days.stream().mapToLong(Day::viewsNonMember).sum(),
            days.stream().mapToLong(Day::newSubscribers).sum(),
            days.stream().mapToLong(Day::newMembers).sum(),
            days.getLast().activeMembers(),
            List.copyOf(perCurrency.values()));
    return new Report(from, to, totals, days);
  }

  private static LocalDate date(String field, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new FenzException(
          ErrorKind.INVALID_INPUT,
          "invalid_request",
          "Query parameter '" + field + "' must be a date like 2026-12-04.",
          List.of(new FieldError(field, "not_a_date", field + " must be a date like 2026-12-04.")),
          Map.of());
    }
  }

  private static FenzException rangeError(String code, String message) {
    return new FenzException(ErrorKind.INVALID_INPUT, code, message, List.of(), Map.of());
  }
}
