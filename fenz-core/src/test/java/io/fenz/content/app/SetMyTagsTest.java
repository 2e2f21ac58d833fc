package io.fenz.content.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Viewer;
import io.fenz.platform.error.FenzException;
import io.fenz.testing.InMemoryTags;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The tag-picking rules on in-memory tags: at most five distinct existing tags, for a user or a
 * guest session.
 */
@org.junit.jupiter.api.Tag("unit")
class SetMyTagsTest {
  private static final String SESSION = "0f8c2b4e-9a1d-4c3b-8e7f-123456789abc";
  private final InMemoryTags tags = new InMemoryTags();
  private final SetMyTags setMyTags = new SetMyTags(tags, tags);
  private final List<Long> ids =
      LongStream.rangeClosed(1, 7)
          .mapToObj(i -> tags.create("t" + i, new Localized("標籤" + i, "tag " + i)).id())
          .toList();

  @Test
  void aUsersPicksReplaceTheirOldOnesWithoutDuplicates() {
    tags.replaceForUser(9, List.of(ids.get(6)));
    List<io.fenz.content.domain.Tag> picked =
        setMyTags.execute(Viewer.user(9), List.of(ids.get(0), ids.get(1), ids.get(0)));
    assertThat(picked)
        .extracting(io.fenz.content.domain.Tag::id)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(tags.userPicks.get(9L)).containsExactly(ids.get(0), ids.get(1));
  }

  @Test
  void aGuestsPicksAreKeptBySession() {
    setMyTags.execute(new Viewer(null, SESSION), List.of(ids.get(2)));
    assertThat(tags.sessionPicks.get(SESSION)).containsExactly(ids.get(2));
    assertThat(tags.userPicks).isEmpty();
  }

  @Test
  void fiveAreAllowedSixAreNot() {
    assertThat(setMyTags.execute(Viewer.user(1), ids.subList(0, 5))).hasSize(5);
    assertThatThrownBy(() -> setMyTags.execute(Viewer.user(1), ids.subList(0, 6)))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("tag_limit_exceeded"));
    assertThat(tags.userPicks.get(1L)).as("unchanged by the refused call").hasSize(5);
  }

  @Test
  void unknownOrMalformedIdsAndAnonymousViewersAreRefused() {
    assertThatThrownBy(() -> setMyTags.execute(Viewer.user(1), List.of(ids.get(0), 999L)))
        .isInstanceOfSatisfying(
            FenzException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unknown_tag");
              assertThat(e.fieldErrors())
                  .singleElement()
                  .satisfies(f -> assertThat(f.message()).contains("999"));
            });
    assertThatThrownBy(() -> setMyTags.execute(Viewer.user(1), Arrays.asList(ids.get(0), null)))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
    assertThatThrownBy(() -> setMyTags.execute(new Viewer(null, null), List.of(ids.get(0))))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("session_required"));
  }
}
