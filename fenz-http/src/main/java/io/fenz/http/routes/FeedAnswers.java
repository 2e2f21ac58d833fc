package io.fenz.http.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.content.domain.Tag;
import io.fenz.discovery.app.RecommendVideos;
import io.fenz.discovery.domain.FeedCard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The feed's answers assembled from JSON pieces: each card's own fields are rendered once and kept
 * with the card ({@link FeedCard#presented}; the in-process copies hand the same card to every feed
 * that draws it), the matched tags once per answer. Serializing 20 cards per request was 40% of the
 * feed's CPU. The bytes are the mapper's own for the same answer ({@code FeedAnswersTest}).
 */
final class FeedAnswers {
  private static final byte[] EMPTY_ITEMS = bytes("{\"items\":[]");
  private static final byte[] ITEMS_OPEN = bytes("{\"items\":[");
  private static final byte[] NO_TAGS_CLOSE = bytes("[]}");

  /** Tags whose JSON is kept, per language: two for each of 5,000 tags with room to spare. */
  static final int TAGS_KEPT = 20_000;

  private record TagIn(Tag tag, String language) {}

  /**
   * Each tag's JSON in a language, kept by value like the cards': an answer names up to five tags,
   * the same few thousand over and over, and encoding them was a twentieth of a feed answer's CPU.
   * A renamed tag is another value, so it is encoded anew.
   */
  private final Cache<TagIn, byte[]> keptTags =
      Caffeine.newBuilder().maximumSize(TAGS_KEPT).build();

  private final ObjectMapper mapper;

  FeedAnswers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Writes {@code rest} with {@code items} in its {@code items} array ({@code rest} is the answer
   * with an empty one, which must come first) to {@code out} in one write: the response's
   * compression decides on the first write's size. Written to the response rather than handed to it
   * as a result, which Javalin copies through a fresh 32 KB buffer per answer.
   */
  void write(
      OutputStream out,
      List<RecommendVideos.Item> items,
      List<Tag> tags,
      String language,
      Object rest)
      throws IOException {
    byte[] tail = encode(rest);
    if (!startsWith(tail, EMPTY_ITEMS)) {
      throw new IllegalArgumentException("the answer must start with an empty items array");
    }
    // The answer's few tags (at most five chosen, or one video's), found by a scan.
    long[] tagIds = new long[tags.size()];
    byte[][] tagJson = new byte[tags.size()][];
    for (int t = 0; t < tagIds.length; t++) {
      tagIds[t] = tags.get(t).id();
      tagJson[t] =
          keptTags.get(
              new TagIn(tags.get(t), language),
              key -> encode(CatalogRoutes.TagView.of(key.tag(), key.language())));
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream(512 * (items.size() + 1));
    answer.writeBytes(ITEMS_OPEN);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        answer.write(',');
      }
      RecommendVideos.Item item = items.get(i);
      answer.writeBytes(item.card().presented(byte[].class, this::head));
      answer.write('[');
      boolean first = true;
      for (long tagId : item.matchedTagIds()) {
        for (int t = 0; t < tagIds.length; t++) {
          if (tagIds[t] == tagId) {
            if (!first) {
              answer.write(',');
            }
            first = false;
            answer.writeBytes(tagJson[t]);
          }
        }
      }
      answer.write(']');
      answer.write('}');
    }
    answer.write(']');
    answer.write(tail, EMPTY_ITEMS.length, tail.length - EMPTY_ITEMS.length);
    answer.writeTo(out);
  }

  /**
   * A card's JSON up to its matched tags, {@code {"id":…,"matchedTags":}; kept as the bare bytes, a
   * million held cards at 1M videos.
   */
  private byte[] head(FeedCard card) {
    byte[] json = encode(FeedRoutes.item(card, List.of()));
    if (!endsWith(json, NO_TAGS_CLOSE)) {
      throw new IllegalStateException("a feed item must end with its matched tags");
    }
    return Arrays.copyOf(json, json.length - NO_TAGS_CLOSE.length);
  }

  private byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] bytes, byte[] suffix) {
    return bytes.length >= suffix.length
        && Arrays.equals(
            bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
