package io.fenz.interaction.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one live stream has sent of a user's notifications. MySQL hands out ids before commit, so
 * two writers can make one user's rows visible out of id order: a row can appear below one already
 * sent. Each catch-up therefore also looks again at the user's newest {@code recent} rows at or
 * below the position and sends those it has not seen, once. What it has seen is kept only above a
 * floor that rises to the oldest of those rows, so it stays small; a row that becomes visible only
 * after {@code recent} newer rows of the same user is not streamed (the next unread count has it).
 * Not thread-safe: one catch-up at a time.
 */
public final class StreamCursor {
  private final int recent;
  private final Set<Long> seen = new HashSet<>();
  private long position;
  private long floor;

  /**
   * @param position the last id accounted for when the stream started
   * @param recentIds the user's newest {@code recent} ids at or below it, visible at that start
   */
  public StreamCursor(long position, List<Long> recentIds, int recent) {
    this.recent = recent;
    this.position = position;
    seen.addAll(recentIds);
    rise(recentIds.size(), recentIds.stream().mapToLong(Long::longValue).min().orElse(0));
  }

  public long position() {
    return position;
  }

  /**
   * Hands {@code send} the rows not sent yet, oldest first, and counts them as sent once it returns
   * (if it throws, the next catch-up offers them again).
   *
   * @param rows the user's newest {@code recent} rows at or below {@link #position()} and the rows
   *     above it, oldest first
   */
  public void catchUp(List<Notification> rows, Consumer<List<Notification>> send) {
    List<Notification> due = new ArrayList<>();
    int below = 0;
    long oldestBelow = 0;
    long newest = position;
    for (Notification row : rows) {
      long id = row.id();
      if (id > position) {
        newest = Math.max(newest, id);
        due.add(row);
      } else {
        oldestBelow = below++ == 0 ? id : oldestBelow;
        if (id > floor && !seen.contains(id)) {
          due.add(row);
        }
      }
    }
    send.accept(due);
    due.forEach(row -> seen.add(row.id()));
    position = newest;
    rise(below, oldestBelow);
  }

  private void rise(int rowsBelow, long oldestBelow) {
    if (rowsBelow >= recent && oldestBelow > floor) {
      floor = oldestBelow;
      seen.removeIf(id -> id <= floor);
    }
  }
}
