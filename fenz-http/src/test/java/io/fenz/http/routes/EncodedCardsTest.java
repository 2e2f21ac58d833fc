package io.fenz.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.content.app.GetVideo;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kept card encodings are exactly what Jackson writes for the card, per locked flag; owner cards
 * are never shared.
 */
class EncodedCardsTest {
  private final ObjectMapper mapper = Json.mapper();
  private final EncodedCards cards = new EncodedCards();
  private final Instant at = Instant.parse("2026-11-30T08:15:30Z");
  private final Video video =
      new Video(
          7,
          3,
          11,
          "頻道",
          false,
          2L,
          "珍珠奶茶 \"開箱\"",
          "說明\n第二行",
          300,
          AccessTier.MEMBERS,
          true,
          "videos/7.mp4",
          "thumbs/7.jpg",
          5,
          6,
          at,
          at,
          at,
          List.of(1L, 4L));

  @Test
  void keptEncodingsAreJacksonsAndFollowTheLockedFlag() throws Exception {
    for (boolean locked : new boolean[] {true, false}) {
      GetVideo.Details details = new GetVideo.Details(video, locked, false);
      String expected = mapper.writeValueAsString(VideoCard.of(details));
      assertThat(new String(cards.of(mapper, details).asUnquotedUTF8(), StandardCharsets.UTF_8))
          .isEqualTo(expected);
      assertThat(cards.of(mapper, details)).as("kept").isSameAs(cards.of(mapper, details));
    }
    assertThat(cards.of(mapper, new GetVideo.Details(video, true, false)).getValue())
        .contains("\"locked\":true")
        .doesNotContain("videos/7.mp4");
  }

  @Test
  void ownerCardsCarryTheOwnerFieldsAndAreNotShared() throws Exception {
    GetVideo.Details owner = new GetVideo.Details(video, false, true);
    assertThat(cards.of(mapper, owner).getValue())
        .isEqualTo(mapper.writeValueAsString(VideoCard.of(owner)))
        .contains("videos/7.mp4");
    assertThat(cards.of(mapper, new GetVideo.Details(video, false, false)).getValue())
        .doesNotContain("videos/7.mp4");
  }
}
