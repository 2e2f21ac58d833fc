package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.discovery.domain.FeedCard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CardValueTest {
  private static FeedCard card(
      String title, String channelName, Instant publishedAt, long... tags) {
    return new FeedCard(42, title, 7, channelName, true, 95, 12_345, publishedAt, tags);
  }

  private static FeedCard roundTrip(FeedCard card) {
    String value = new String(CardValue.encode(card, "tok9"), StandardCharsets.UTF_8);
    return CardValue.decode(card.videoId(), value);
  }

  @Test
  void everyFieldComesBackAsWritten() {
    FeedCard card = card("貓咪 1", "智慧家庭實驗室", Instant.ofEpochMilli(1_764_000_000_123L), 3, 41, 9_999);
    assertThat(roundTrip(card)).isEqualTo(card);
  }

  @Test
  void titlesAndNamesNeedNoEscaping() {
    // Spaces, digits, the separators and characters outside the BMP inside the names.
    FeedCard card = card(" 12 ,3 😺 ", "a b 4 5,6 ", Instant.EPOCH.plusSeconds(1), 1);
    assertThat(roundTrip(card)).isEqualTo(card);
    FeedCard emptyNames = card("", "", null);
    assertThat(roundTrip(emptyNames)).isEqualTo(emptyNames);
  }

  @Test
  void numbersKeepEveryDigitAndSign() {
    FeedCard card =
        new FeedCard(
            Long.MAX_VALUE,
            "t",
            Long.MAX_VALUE,
            "c",
            false,
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            Instant.ofEpochMilli(-86_400_001L),
            new long[] {0, 9, 10, Long.MAX_VALUE});
    assertThat(roundTrip(card)).isEqualTo(card);
  }

  @Test
  void aCardWithoutTagsOrPublishedTimeKeepsThem() {
    FeedCard card = card("無標籤", "頻道", null);
    FeedCard read = roundTrip(card);
    assertThat(read.tagIds()).isEmpty();
    assertThat(read.publishedAt()).isNull();
  }

  @Test
  void theValueStartsWithItsWritersToken() {
    assertThat(new String(CardValue.encode(card("t", "c", null), "tok9"), StandardCharsets.UTF_8))
        .startsWith("tok9 7 1 95 12345 0  1 tc");
  }

  @Test
  void theTokenSaysWhenTheValueExpires() {
    String token = CardValue.token(1_790_000_000L);
    byte[] value = CardValue.encode(card("t", "c", null), token);
    assertThat(CardValue.token(value)).isEqualTo(token);
    assertThat(CardValue.expiresAt(value)).isEqualTo(1_790_000_000L);
    assertThat(CardValue.token(1_790_000_000L)).as("random per write").isNotEqualTo(token);
    assertThat(CardValue.writtenWith(value, token)).isTrue();
    assertThat(CardValue.writtenWith(value, token.substring(0, token.length() - 1)))
        .as("a prefix of the token is another token")
        .isFalse();
    assertThat(CardValue.writtenWith(value, CardValue.token(1_790_000_000L))).isFalse();
    assertThat(CardValue.writtenWith(token.getBytes(StandardCharsets.US_ASCII), token))
        .as("no space after it: not a card written with it")
        .isFalse();
    for (String old : new String[] {"tok9", "tok9.", "tok9.12x", "a.99999999999999999999", ""}) {
      assertThat(CardValue.expiresAt(CardValue.encode(card("t", "c", null), old)))
          .as("a token that does not say (%s) reads as due", old)
          .isZero();
    }
  }

  @Test
  void aValueHoldsTheCardWhateverItsToken() {
    FeedCard card = card("標題", "頻道", Instant.ofEpochMilli(1_790_000_000_123L));
    byte[] value = CardValue.encode(card, CardValue.token(1));
    assertThat(CardValue.holds(value, card)).isTrue();
    assertThat(CardValue.holds(value, card("標題!", "頻道", card.publishedAt()))).isFalse();
    assertThat(CardValue.holds(value, card("標題", "頻道", null))).isFalse();
    assertThat(CardValue.holds("hello".getBytes(StandardCharsets.UTF_8), card)).isFalse();
  }

  @Test
  void aValueThatIsNotACardIsRefused() {
    assertThatThrownBy(() -> CardValue.decode(1, "hello"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CardValue.decode(1, "t 7 1 95 12345 0 3 99 short"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CardValue.decode(1, "t x 1 95 12345 0 3 1 ab"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
