package io.fenz.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.domain.StreamCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What a live stream sends of the rows a catch-up reads: each row once, rows committed out of id
 * order included, nothing the stream's start already accounted for.
 */
class StreamCursorTest {
  private static final int RECENT = 3;

  @Test
  void rowsAboveThePositionGoOutOnceInIdOrder() {
    StreamCursor cursor = new StreamCursor(10, List.of(8L, 9L, 10L), RECENT);
    assertThat(sent(cursor, 8, 9, 10, 12, 15)).containsExactly(12L, 15L);
    assertThat(cursor.position()).isEqualTo(15);
    assertThat(sent(cursor, 10, 12, 15)).as("nothing new").isEmpty();
    assertThat(sent(cursor, 10, 12, 15, 16)).containsExactly(16L);
  }

  @Test
  void aRowCommittedAfterAHigherOneIsSentWhenItAppears() {
    StreamCursor cursor = new StreamCursor(10, List.of(8L, 9L, 10L), RECENT);
    assertThat(sent(cursor, 9, 10, 13)).containsExactly(13L);
    assertThat(sent(cursor, 10, 12, 13))
        .as("12 got its id before 13 but committed after it")
        .containsExactly(12L);
    assertThat(sent(cursor, 10, 12, 13)).isEmpty();
  }

  @Test
  void aRowBelowTheStartThatWasNotVisibleThenIsSent() {
    StreamCursor cursor = new StreamCursor(10, List.of(7L, 10L), RECENT);
    assertThat(sent(cursor, 7, 9, 10)).as("9 was not in the start's snapshot").containsExactly(9L);
  }

  @Test
  void rowsOlderThanTheRecentOnesAreNeverSentAgain() {
    StreamCursor cursor = new StreamCursor(10, List.of(8L, 9L, 10L), RECENT);
    assertThat(sent(cursor, 8, 9, 10, 11, 12)).containsExactly(11L, 12L);
    assertThat(sent(cursor, 10, 11, 12)).isEmpty();
    assertThat(sent(cursor, 5, 11, 12))
        .as("10 was deleted: 5 is back among the newest but is older than what the stream tracks")
        .isEmpty();
  }

  @Test
  void aLongStreamSendsEveryRowOnce() {
    StreamCursor cursor = new StreamCursor(0, List.of(), RECENT);
    for (long id = 1; id <= 1_000; id++) {
      long newest = id;
      long[] rows = LongStream.rangeClosed(Math.max(1, id - RECENT), newest).toArray();
      assertThat(sent(cursor, rows)).containsExactly(newest);
    }
    assertThat(sent(cursor, 996, 997, 998, 999, 1000)).isEmpty();
  }

  @Test
  void rowsWhoseSendingFailedAreOfferedAgain() {
    StreamCursor cursor = new StreamCursor(10, List.of(10L), RECENT);
    assertThatThrownBy(
            () ->
                cursor.catchUp(
                    rows(10, 11),
                    due -> {
                      throw new IllegalStateException("naming failed");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(cursor.position()).isEqualTo(10);
    assertThat(sent(cursor, 10, 11)).containsExactly(11L);
  }

  private static List<Long> sent(StreamCursor cursor, long... ids) {
    List<Long> sent = new ArrayList<>();
    cursor.catchUp(rows(ids), due -> due.forEach(row -> sent.add(row.id())));
    return sent;
  }

  private static List<Notification> rows(long... ids) {
    return LongStream.of(ids)
        .mapToObj(
            id ->
                new Notification(
                    id,
                    "new_subscriber",
                    null,
                    null,
                    false,
                    1L,
                    null,
                    2L,
                    null,
                    Map.of(),
                    false,
                    Instant.EPOCH))
        .toList();
  }
}
