package io.fenz.http.routes;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.content.app.GetVideo;
import io.fenz.content.domain.Video;
import java.io.UncheckedIOException;

/**
 * Cards as JSON, kept by value: a card is a function of the row and {@code locked}, so equal inputs
 * share one encoding whichever request made it. Search hands out the same rows until its index
 * changes, so a page of 20 cards costs 20 lookups instead of 20 serializations (~a fifth of a
 * search's CPU). Owner cards (the owner's own videos, with more fields) are encoded each time.
 */
final class EncodedCards {
  /** Cards kept, the least used leaving first (descriptions can be 5,000 characters). */
  static final int KEPT = 5_000;

  private record Key(Video video, boolean locked) {}

  private final Cache<Key, SerializableString> kept =
      Caffeine.newBuilder().maximumSize(KEPT).build();

  /** The card's JSON; its UTF-8 bytes are made once and kept with it. */
  SerializableString of(ObjectMapper mapper, GetVideo.Details details) {
    if (details.owner()) {
      return encode(mapper, details);
    }
    return kept.get(new Key(details.video(), details.locked()), key -> encode(mapper, details));
  }

  private static SerializableString encode(ObjectMapper mapper, GetVideo.Details details) {
    try {
      return new SerializedString(mapper.writeValueAsString(VideoCard.of(details)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
