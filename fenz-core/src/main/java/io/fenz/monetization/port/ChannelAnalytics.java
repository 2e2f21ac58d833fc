package io.fenz.monetization.port;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Per-day figures of one channel from monetization's own tables, grouped in SQL (UTC days, both
 * ends included).
 */
public interface ChannelAnalytics {
  /** Paid donations summed per currency. */
  record Money(String currency, long amount, long count) {}

  record DonationDay(LocalDate day, Money money) {}

  Map<LocalDate, Long> newSubscribers(long channelId, LocalDate from, LocalDate to);

  /** Memberships by the day they first gave access. */
  Map<LocalDate, Long> newMembers(long channelId, LocalDate from, LocalDate to);

  /** Memberships giving access at some time of each day (every day of the range present). */
  Map<LocalDate, Long> activeMembers(long channelId, LocalDate from, LocalDate to);

  /** Paid donations by the day they were paid, per currency. */
  List<DonationDay> donations(long channelId, LocalDate from, LocalDate to);

  /** Paid donations per video, per currency, of the given videos. */
  Map<Long, List<Money>> donationsPerVideo(Collection<Long> videoIds);
}
