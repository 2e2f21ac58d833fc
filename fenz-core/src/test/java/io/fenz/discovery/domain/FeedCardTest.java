package io.fenz.discovery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FeedCardTest {
  private final Instant at = Instant.parse("2026-12-01T00:00:00Z");

  private FeedCard card(long[] tags, long views) {
    return new FeedCard(7, "標題", 3, "頻道", true, 60, views, at, tags);
  }

  @Test
  void theTagsThatBroughtACardAreItsOwnAmongTheChosenInItsOrder() {
    FeedCard card = card(new long[] {900, 5, 1_000_000}, 0);
    assertThat(card.tagsAmong(List.of(1_000_000L, 900L, 42L))).containsExactly(900L, 1_000_000L);
    assertThat(card.tagsAmong(List.of(6L))).isEmpty();
    assertThat(card.tagIds()).containsExactly(900L, 5L, 1_000_000L);
  }

  @Test
  void cardsAreEqualByEveryFieldTagsIncludedAndKeepOnePresentation() {
    assertThat(card(new long[] {1, 2}, 5)).isEqualTo(card(new long[] {1, 2}, 5));
    assertThat(card(new long[] {1, 2}, 5)).hasSameHashCodeAs(card(new long[] {1, 2}, 5));
    assertThat(card(new long[] {1, 2}, 5)).isNotEqualTo(card(new long[] {2, 1}, 5));
    assertThat(card(new long[] {1, 2}, 5)).isNotEqualTo(card(new long[] {1, 2}, 6));

    FeedCard card = card(new long[] {1}, 0);
    int[] made = {0};
    String first = card.presented(String.class, c -> "rendered " + ++made[0]);
    assertThat(card.presented(String.class, c -> "rendered " + ++made[0])).isSameAs(first);
    assertThat(made[0]).isEqualTo(1);
  }
}
