package io.fenz.http.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Tag;
import io.fenz.discovery.app.RecommendVideos;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.platform.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The assembled answers are byte for byte what the mapper writes for the same answer, in both
 * languages, whether a card's JSON is made now or was kept from an earlier answer.
 */
class FeedAnswersTest {
  private final ObjectMapper mapper = Json.mapper();
  private final FeedAnswers answers = new FeedAnswers(mapper);
  private final Instant at = Instant.parse("2026-11-30T08:15:30.123Z");
  private final FeedCard withThumbnail =
      new FeedCard(7, "珍珠奶茶 \"開箱\"\n😀", 3, "頻道 <b>", true, 300, 12, at, new long[] {1, 2, 3});
  private final FeedCard withoutThumbnail =
      new FeedCard(8, "Plain", 4, "Chan", false, 0, 0, at.plusSeconds(5), new long[] {2});
  private final Map<Long, Tag> tags =
      Map.of(
          1L, new Tag(1, "cats", new Localized("貓", "Cats")),
          2L, new Tag(2, "tea", new Localized("茶", "Tea \"hot\"")));

  @Test
  void aFeedIsWhatTheMapperWritesInEitherLanguageWithKeptCardsToo() throws Exception {
    List<RecommendVideos.Item> items =
        List.of(
            new RecommendVideos.Item(withThumbnail, List.of(1L, 2L, 3L)),
            new RecommendVideos.Item(withoutThumbnail, List.of(2L)));
    for (String language : List.of("zh-TW", "en", "zh-TW")) {
      byte[] written =
          written(
              items,
              List.copyOf(tags.values()),
              language,
              new FeedRoutes.FeedResponse(List.of(), "tags", List.of(1L, 2L, 3L)));

      byte[] expected =
          mapper.writeValueAsBytes(
              new FeedRoutes.FeedResponse(
                  items.stream().map(item -> expectedItem(item, language)).toList(),
                  "tags",
                  List.of(1L, 2L, 3L)));
      assertThat(new String(written, "UTF-8")).isEqualTo(new String(expected, "UTF-8"));
    }
  }

  @Test
  void emptyAnswersAndRelatedAnswersAreTheMappersToo() throws Exception {
    assertThat(
            written(
                List.of(),
                List.copyOf(tags.values()),
                "en",
                new FeedRoutes.RelatedResponse(List.of())))
        .isEqualTo(mapper.writeValueAsBytes(new FeedRoutes.RelatedResponse(List.of())));
    assertThat(
            written(
                List.of(new RecommendVideos.Item(withoutThumbnail, List.of())),
                List.copyOf(tags.values()),
                "en",
                new FeedRoutes.FeedResponse(List.of(), "popular", List.of())))
        .isEqualTo(
            mapper.writeValueAsBytes(
                new FeedRoutes.FeedResponse(
                    List.of(FeedRoutes.item(withoutThumbnail, List.of())), "popular", List.of())));
  }

  @Test
  void aRenamedTagIsNamedAnewInTheNextAnswer() throws Exception {
    List<RecommendVideos.Item> items =
        List.of(new RecommendVideos.Item(withoutThumbnail, List.of(2L)));
    FeedRoutes.FeedResponse rest = new FeedRoutes.FeedResponse(List.of(), "tags", List.of(2L));
    written(items, List.of(tags.get(2L)), "en", rest);

    Tag renamed = new Tag(2, "tea", new Localized("茶", "Green tea"));
    String answer = new String(written(items, List.of(renamed), "en", rest), "UTF-8");

    assertThat(answer).contains("\"Green tea\"").doesNotContain("hot");
  }

  /** The compression in front of a response decides on the first write's size. */
  @Test
  void anAnswerIsWrittenInOneWrite() throws Exception {
    List<Integer> writes = new ArrayList<>();
    OutputStream counted =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
          }
        };
    answers.write(
        counted,
        List.of(new RecommendVideos.Item(withThumbnail, List.of(1L))),
        List.copyOf(tags.values()),
        "en",
        new FeedRoutes.FeedResponse(List.of(), "tags", List.of(1L)));

    assertThat(writes).hasSize(1).allSatisfy(length -> assertThat(length).isGreaterThan(100));
  }

  private byte[] written(
      List<RecommendVideos.Item> items, List<Tag> tags, String language, Object rest)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    answers.write(out, items, tags, language, rest);
    return out.toByteArray();
  }

  private FeedRoutes.FeedItem expectedItem(RecommendVideos.Item item, String language) {
    return FeedRoutes.item(
        item.card(),
        item.matchedTagIds().stream()
            .map(tags::get)
            .filter(Objects::nonNull)
            .map(tag -> CatalogRoutes.TagView.of(tag, language))
            .toList());
  }
}
