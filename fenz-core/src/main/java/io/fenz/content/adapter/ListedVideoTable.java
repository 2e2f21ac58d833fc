package io.fenz.content.adapter;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ListedVideo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listed videos' facts, compact: a base of parallel primitive arrays sorted by id (25 bytes a
 * video: id, channel, owner, tier), immutable once published, plus the changes since (a small
 * concurrent map, folded into a new base when it grows). Reads take no lock; writes come from one
 * thread at a time (the directory's write lock).
 */
final class ListedVideoTable {
  /** Changes kept beside the base before it is rebuilt with them: at least this many. */
  static final int MIN_CHANGES_KEPT = 4_096;

  /** A removal in the changes map (compared by identity). */
  private static final ListedVideo REMOVED = new ListedVideo(0, 0, 0, AccessTier.PUBLIC);

  private static final AccessTier[] TIERS = {
    AccessTier.PUBLIC, AccessTier.SUBSCRIBERS, AccessTier.MEMBERS
  };

  private record Base(long[] ids, long[] channels, long[] owners, byte[] tiers) {
    ListedVideo at(int i) {
      return new ListedVideo(ids[i], channels[i], owners[i], TIERS[tiers[i]]);
    }
  }

  /**
   * Replaced (never changed) by a fold: a reader that misses in {@link #changes} then reads the
   * base sees the base the fold published before it removed the change.
   */
  private volatile Base base;

  private final Map<Long, ListedVideo> changes = new ConcurrentHashMap<>();

  private ListedVideoTable(Base base) {
    this.base = base;
  }

  ListedVideo find(long id) {
    ListedVideo changed = changes.get(id);
    if (changed != null) {
      return changed == REMOVED ? null : changed;
    }
    Base b = base;
    int i = Arrays.binarySearch(b.ids, id);
    return i < 0 ? null : b.at(i);
  }

  int size() {
    Base b = base;
    int size = b.ids.length;
    for (Map.Entry<Long, ListedVideo> change : changes.entrySet()) {
      boolean inBase = Arrays.binarySearch(b.ids, change.getKey()) >= 0;
      size += (change.getValue() == REMOVED ? 0 : 1) - (inBase ? 1 : 0);
    }
    return size;
  }

  /** Bytes held by the arrays (the changes map, at most a few thousand entries, aside). */
  long baseBytes() {
    return 25L * base.ids.length;
  }

  void put(ListedVideo video) {
    if (!video.equals(find(video.id()))) {
      changes.put(video.id(), video);
    }
  }

  void remove(long id) {
    if (find(id) != null) {
      changes.put(id, REMOVED);
    }
  }

  /** Removes every video of these owners (a scan: owners are hidden rarely). */
  void removeOwners(Collection<Long> ownerIds) {
    if (ownerIds.isEmpty()) {
      return;
    }
    Base b = base;
    List<Long> candidates = new ArrayList<>(changes.keySet());
    for (int i = 0; i < b.ids.length; i++) {
      if (ownerIds.contains(b.owners[i])) {
        candidates.add(b.ids[i]);
      }
    }
    for (long id : candidates) {
      ListedVideo current = find(id); // a change overrides the base
      if (current != null && ownerIds.contains(current.ownerId())) {
        changes.put(id, REMOVED);
      }
    }
  }

  /**
   * Folds the changes into a new base once they outgrow {@link #MIN_CHANGES_KEPT} and 1/64 of the
   * base, so lookups stay on the arrays and the map stays small.
   */
  void foldIfLarge() {
    Base b = base;
    if (changes.size() <= Math.max(MIN_CHANGES_KEPT, b.ids.length / 64)) {
      return;
    }
    Map<Long, ListedVideo> folded = Map.copyOf(changes);
    long[] changedIds = folded.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    Builder next = new Builder(b.ids.length + changedIds.length);
    int i = 0;
    int c = 0;
    while (i < b.ids.length || c < changedIds.length) {
      if (c == changedIds.length || (i < b.ids.length && b.ids[i] < changedIds[c])) {
        next.add(b.at(i++));
        continue;
      }
      if (i < b.ids.length && b.ids[i] == changedIds[c]) {
        i++; // replaced or removed by the change
      }
      ListedVideo change = folded.get(changedIds[c++]);
      if (change != REMOVED) {
        next.add(change);
      }
    }
    base = next.build().base;
    folded.forEach(changes::remove);
  }

  /** Collects videos in ascending id order into a table. */
  static final class Builder {
    private long[] ids;
    private long[] channels;
    private long[] owners;
    private byte[] tiers;
    private int size;

    Builder(int capacity) {
      ids = new long[Math.max(capacity, 16)];
      channels = new long[ids.length];
      owners = new long[ids.length];
      tiers = new byte[ids.length];
    }

    void add(ListedVideo video) {
      if (size > 0 && video.id() <= ids[size - 1]) {
        throw new IllegalArgumentException("ids must ascend: " + video.id());
      }
      if (size == ids.length) {
        int grown = size + (size >> 1);
        ids = Arrays.copyOf(ids, grown);
        channels = Arrays.copyOf(channels, grown);
        owners = Arrays.copyOf(owners, grown);
        tiers = Arrays.copyOf(tiers, grown);
      }
      ids[size] = video.id();
      channels[size] = video.channelId();
      owners[size] = video.ownerId();
      tiers[size] = (byte) video.accessTier().code();
      size++;
    }

    ListedVideoTable build() {
      return new ListedVideoTable(
          new Base(
              Arrays.copyOf(ids, size),
              Arrays.copyOf(channels, size),
              Arrays.copyOf(owners, size),
              Arrays.copyOf(tiers, size)));
    }
  }
}
