package io.fenz.discovery.adapter;

import io.fenz.discovery.domain.FeedCard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A feed card as the one string value of {@code card:{id}}: the writer's token, then the numbers
 * and tag ids space-separated, then the title's length (in UTF-16 units) and the title and channel
 * name back to back, so neither needs escaping:
 *
 * <pre>
 * token channelId thumbnail(0|1) durationSeconds views publishedAtMillis(0 = none) tagIds,... titleLength title+channelName
 * </pre>
 *
 * <p>The token is random (so another write of the card, by any process, replaces it), a dot, and
 * the epoch second the value expires at: a refresh learns from the value it reads whether an
 * unchanged card must be written again to stay alive, without asking Redis for its TTL.
 *
 * <p>One string rather than a hash of fields: nothing reads a card's fields one by one, and at a
 * million videos a nine-field hash and its EXPIRE cost Redis about twice the CPU of one {@code SET
 * ... EX} per card (the warm-up's largest part).
 */
final class CardValue {
  private CardValue() {}

  /**
   * The value {@code card} is stored as, written with {@code token}. Straight to UTF-8 bytes: built
   * as a string first, a title outside Latin-1 made every digit two bytes and then needed encoding
   * again, a visible part of the warm-up's CPU.
   */
  static byte[] encode(FeedCard card, String token) {
    byte[] title = card.title().getBytes(StandardCharsets.UTF_8);
    byte[] channelName = card.channelName().getBytes(StandardCharsets.UTF_8);
    var tags = card.tagIds();
    Bytes out =
        new Bytes(token.length() + 8 * 21 + tags.size() * 21 + title.length + channelName.length);
    out.ascii(token).space();
    out.number(card.channelId()).space();
    out.number(card.hasThumbnail() ? 1 : 0).space();
    out.number(card.durationSeconds()).space();
    out.number(card.views()).space();
    out.number(card.publishedAt() == null ? 0 : card.publishedAt().toEpochMilli()).space();
    for (int i = 0; i < tags.size(); i++) {
      if (i > 0) {
        out.comma();
      }
      out.number(tags.get(i));
    }
    out.space().number(card.title().length()).space();
    return out.raw(title).raw(channelName).done();
  }

  /** A writer's token for values that expire at {@code expiresAt} (epoch seconds). */
  static String token(long expiresAt) {
    return Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "." + expiresAt;
  }

  /** The token {@code value} was written with. */
  static String token(byte[] value) {
    return new String(value, 0, headEnd(value), StandardCharsets.US_ASCII);
  }

  /**
   * Whether {@code value} was written with {@code token} (it starts with the token and a space).
   */
  static boolean writtenWith(byte[] value, String token) {
    if (value.length <= token.length() || value[token.length()] != ' ') {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (value[i] != token.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The epoch second {@code value} expires at; 0 when its token does not say. */
  static long expiresAt(byte[] value) {
    int end = headEnd(value);
    int dot = indexOf(value, (byte) '.', end);
    if (dot < 0 || dot == end - 1 || end - dot > 19) {
      return 0;
    }
    long seconds = 0;
    for (int i = dot + 1; i < end; i++) {
      if (value[i] < '0' || value[i] > '9') {
        return 0;
      }
      seconds = seconds * 10 + (value[i] - '0');
    }
    return seconds;
  }

  /** Whether {@code value} holds {@code card} as it is now, whatever its token. */
  static boolean holds(byte[] value, FeedCard card) {
    byte[] fresh = encode(card, "");
    int head = headEnd(value);
    return Arrays.equals(value, head, value.length, fresh, 0, fresh.length);
  }

  /** Where the token ends (the first space; the whole value if it has none). */
  private static int headEnd(byte[] value) {
    int space = indexOf(value, (byte) ' ', value.length);
    return space < 0 ? value.length : space;
  }

  private static int indexOf(byte[] value, byte wanted, int before) {
    for (int i = 0; i < before; i++) {
      if (value[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The card {@code value} holds.
   *
   * @throws IllegalArgumentException when {@code value} is not a card's
   */
  static FeedCard decode(long videoId, String value) {
    Fields fields = new Fields(value);
    fields.next(); // the writer's token
    long channelId = fields.nextLong();
    boolean hasThumbnail = fields.next().equals("1");
    int durationSeconds = (int) fields.nextLong();
    long views = fields.nextLong();
    long publishedAt = fields.nextLong();
    long[] tagIds = TagIdList.parse(fields.next());
    int titleLength = (int) fields.nextLong();
    String names = fields.rest();
    if (titleLength < 0 || titleLength > names.length()) {
      throw new IllegalArgumentException("not a feed card value");
    }
    return new FeedCard(
        videoId,
        names.substring(0, titleLength),
        channelId,
        names.substring(titleLength),
        hasThumbnail,
        durationSeconds,
        views,
        publishedAt == 0 ? null : Instant.ofEpochMilli(publishedAt),
        tagIds);
  }

  /** A value being written: ASCII fields and raw UTF-8, into an array sized for the worst case. */
  private static final class Bytes {
    private final byte[] bytes;
    private int at;

    Bytes(int capacity) {
      bytes = new byte[capacity];
    }

    Bytes space() {
      bytes[at++] = ' ';
      return this;
    }

    Bytes comma() {
      bytes[at++] = ',';
      return this;
    }

    Bytes ascii(String text) {
      for (int i = 0; i < text.length(); i++) {
        bytes[at++] = (byte) text.charAt(i);
      }
      return this;
    }

    /** Decimal digits, written from the right (a negative number, never met, the slow way). */
    Bytes number(long n) {
      if (n < 0) {
        return ascii(Long.toString(n));
      }
      int digits = 1;
      for (long rest = n / 10; rest > 0; rest /= 10) {
        digits++;
      }
      for (int i = at + digits - 1; i >= at; i--) {
        bytes[i] = (byte) ('0' + n % 10);
        n /= 10;
      }
      at += digits;
      return this;
    }

    Bytes raw(byte[] utf8) {
      System.arraycopy(utf8, 0, bytes, at, utf8.length);
      at += utf8.length;
      return this;
    }

    byte[] done() {
      return Arrays.copyOf(bytes, at);
    }
  }

  /** The space-separated head of a value, read from the left. */
  private static final class Fields {
    private final String value;
    private int at;

    Fields(String value) {
      this.value = value;
    }

    String next() {
      int end = end();
      String field = value.substring(at, end);
      at = end + 1;
      return field;
    }

    long nextLong() {
      int end = end();
      long number = Long.parseLong(value, at, end, 10);
      at = end + 1;
      return number;
    }

    /** Where the field at {@code at} ends: the next space, which every head field has. */
    private int end() {
      int end = value.indexOf(' ', at);
      if (end < 0) {
        throw new IllegalArgumentException("not a feed card value");
      }
      return end;
    }

    String rest() {
      return value.substring(at);
    }
  }
}
