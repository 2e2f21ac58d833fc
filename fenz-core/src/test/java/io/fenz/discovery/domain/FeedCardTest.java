package io.fenz.discovery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FeedCardTest {
  private final Instant at = Instant.parse("2026-12-01T00:00:00Z");

  private FeedCard card(List<Long> tags, long views) {
    return new FeedCard(7, "標題", 3, "頻道", true, 60, views, at, tags);
  }

  @Test
  void theTagsThatBroughtACardAreItsOwnAmongTheChosenInItsOrder() {
    FeedCard card = card(List.of(900L, 5L, 1_000_000L), 0);
    assertThat(card.tagsAmong(List.of(1_000_000L, 900L, 42L))).containsExactly(900L, 1_000_000L);
    assertThat(card.tagsAmong(List.of(6L))).isEmpty();
    assertThat(card.tagIds()).containsExactly(900L, 5L, 1_000_000L);
  }

  @Test
  void cardsAreEqualByEveryFieldTagsIncludedAndKeepOnePresentation() {
    assertThat(card(List.of(1L, 2L), 5)).isEqualTo(card(List.of(1L, 2L), 5));
    assertThat(card(List.of(1L, 2L), 5)).hasSameHashCodeAs(card(List.of(1L, 2L), 5));
    assertThat(card(List.of(1L, 2L), 5)).isNotEqualTo(card(List.of(2L, 1L), 5));
    assertThat(card(List.of(1L, 2L), 5)).isNotEqualTo(card(List.of(1L, 2L), 6));

    FeedCard card = card(List.of(1L), 0);
    int[] made = {0};
    String first = card.presented(String.class, c -> "rendered " + ++made[0]);
    assertThat(card.presented(String.class, c -> "rendered " + ++made[0])).isSameAs(first);
    assertThat(made[0]).isEqualTo(1);
  }
}
