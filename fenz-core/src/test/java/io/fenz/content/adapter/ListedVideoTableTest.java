package io.fenz.content.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ListedVideo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The compact table answers what was put and removed, before and after the changes are folded. */
@Tag("unit")
class ListedVideoTableTest {
  private final Map<Long, ListedVideo> expected = new HashMap<>();

  @Test
  void changesOverTheBaseAnswerTheSameBeforeAndAfterTheFold() {
    ListedVideoTable.Builder builder = new ListedVideoTable.Builder(16);
    for (long id = 2; id <= 20_000; id += 2) {
      ListedVideo video = video(id, id % 7, AccessTier.PUBLIC);
      builder.add(video);
      expected.put(id, video);
    }
    ListedVideoTable table = builder.build();
    for (long id = 1; id <= 6_000; id++) {
      if (id % 3 == 0) {
        table.remove(id);
        expected.remove(id);
      } else {
        ListedVideo video = video(id, id % 5, AccessTier.of((int) (id % 3)));
        table.put(video);
        expected.put(id, video);
      }
    }
    table.removeOwners(List.of(4L));
    expected.values().removeIf(v -> v.ownerId() == 4);
    assertAnswers(table);

    table.foldIfLarge();
    assertAnswers(table);
    assertThat(table.baseBytes()).as("folded into the arrays").isEqualTo(25L * expected.size());
  }

  private void assertAnswers(ListedVideoTable table) {
    for (long id = 0; id <= 20_001; id++) {
      assertThat(table.find(id)).as("video %d", id).isEqualTo(expected.get(id));
    }
    assertThat(table.size()).isEqualTo(expected.size());
  }

  private static ListedVideo video(long id, long owner, AccessTier tier) {
    return new ListedVideo(id, 100 + owner, owner, tier);
  }
}
