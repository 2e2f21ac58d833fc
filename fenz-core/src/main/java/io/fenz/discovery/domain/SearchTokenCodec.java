package io.fenz.discovery.domain;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Normalization, segmentation and token encoding shared by indexing and querying; see {@link
 * SearchTokenizer} for the scheme. Every base token produced here is {@code [a-z0-9]}, starts with
 * a kind letter and is at most {@link #MAX_BASE_TOKEN_CHARS} long; {@link SearchTokenizer} prefixes
 * a one-letter field marker, so stored tokens are 3..{@value #MAX_TOKEN_CHARS} characters.
 */
final class SearchTokenCodec {
  /**
   * InnoDB {@code innodb_ft_max_token_size} default; longer tokens would be silently not indexed.
   */
  static final int MAX_TOKEN_CHARS = 84;

  /** Base token budget, leaving one character for the field marker. */
  static final int MAX_BASE_TOKEN_CHARS = MAX_TOKEN_CHARS - 1;

  static final char KIND_WORD = 'w';
  static final char KIND_WORD_ENCODED = 'x';
  static final char KIND_UNIGRAM = 'u';
  static final char KIND_BIGRAM = 'b';

  /** Each code point becomes exactly this many base-36 digits (36^4 = 1,679,616 > U+10FFFF). */
  private static final int CP_WIDTH = 4;

  private static final int MAX_ASCII_WORD = MAX_BASE_TOKEN_CHARS - 1;
  private static final int MAX_ENCODED_WORD = (MAX_BASE_TOKEN_CHARS - 1) / CP_WIDTH;

  /** KATAKANA-HIRAGANA PROLONGED SOUND MARK: script COMMON, but it belongs inside kana words. */
  private static final int PROLONGED_SOUND_MARK = 0x30FC;

  private SearchTokenCodec() {}

  /** A maximal run of word characters ({@code cjk == false}) or of CJK characters. */
  record Segment(boolean cjk, int[] codePoints) {}

  /** NFKC (width folding, compatibility forms), then lowercase with {@link Locale#ROOT}. */
  static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    // Lowercasing can yield non-NFKC sequences (e.g. U+0130 -> i + U+0307); re-normalize so the
    // function is idempotent.
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }

  /** The first {@code max} code points of {@code text} (never splits a surrogate pair). */
  static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.min(max, text.codePointCount(0, text.length())));
    return text.substring(0, end);
  }

  /** Splits already-normalized text into word and CJK runs; everything else is a separator. */
  static List<Segment> segments(String normalized) {
    List<Segment> out = new ArrayList<>();
    int[] buf = new int[Math.max(16, normalized.length())];
    int len = 0;
    boolean cjkRun = false;
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isCombiningMark(cp)) {
        // Marks continue a word ("é" in decomposed form, Indic vowel signs); inside CJK runs they
        // are
        // leftovers NFKC could not compose and carry no searchable meaning, so they are dropped.
        if (len > 0 && !cjkRun) {
          buf[len++] = cp;
        }
        continue;
      }
      boolean cjk = isCjk(cp);
      if (!cjk && !isWordChar(cp)) {
        len = flush(out, cjkRun, buf, len);
        continue;
      }
      if (len > 0 && cjk != cjkRun) {
        len = flush(out, cjkRun, buf, len);
      }
      cjkRun = cjk;
      buf[len++] = cp;
    }
    flush(out, cjkRun, buf, len);
    return out;
  }

  /**
   * The ordered base tokens of a segment, the sequence phrases are matched against: the word
   * itself, the unigram of a one-character CJK run, or the overlapping bigrams of a longer CJK run.
   */
  static List<String> sequence(Segment segment) {
    int[] cps = segment.codePoints();
    if (!segment.cjk()) {
      return List.of(word(cps));
    }
    if (cps.length == 1) {
      return List.of(unigram(cps[0]));
    }
    List<String> bigrams = new ArrayList<>(cps.length - 1);
    for (int i = 0; i + 1 < cps.length; i++) {
      bigrams.add(bigram(cps[i], cps[i + 1]));
    }
    return bigrams;
  }

  /** Ordered base tokens of all segments of {@code normalized}, concatenated. */
  static List<String> sequence(String normalized) {
    List<String> out = new ArrayList<>();
    for (Segment s : segments(normalized)) {
      out.addAll(sequence(s));
    }
    return out;
  }

  /** Unigram tokens of every character of a CJK segment (empty for word segments). */
  static List<String> unigrams(Segment segment) {
    if (!segment.cjk()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(segment.codePoints().length);
    for (int cp : segment.codePoints()) {
      out.add(unigram(cp));
    }
    return out;
  }

  /**
   * {@code w<word>} for pure {@code [a-z0-9]} words (readable, compact), else {@code x<base36
   * cps>}. Over-long words are truncated identically at index and query time.
   */
  static String word(int[] cps) {
    boolean ascii = true;
    for (int cp : cps) {
      ascii &= (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    }
    if (ascii) {
      return KIND_WORD + new String(cps, 0, Math.min(cps.length, MAX_ASCII_WORD));
    }
    StringBuilder sb = new StringBuilder(1 + CP_WIDTH * Math.min(cps.length, MAX_ENCODED_WORD));
    sb.append(KIND_WORD_ENCODED);
    for (int i = 0; i < cps.length && i < MAX_ENCODED_WORD; i++) {
      appendCodePoint(sb, cps[i]);
    }
    return sb.toString();
  }

  static String unigram(int cp) {
    return appendCodePoint(new StringBuilder(1 + CP_WIDTH).append(KIND_UNIGRAM), cp).toString();
  }

  static String bigram(int first, int second) {
    StringBuilder sb = new StringBuilder(1 + 2 * CP_WIDTH).append(KIND_BIGRAM);
    appendCodePoint(sb, first);
    return appendCodePoint(sb, second).toString();
  }

  static boolean isCjk(int cp) {
    if (cp == PROLONGED_SOUND_MARK) {
      return true;
    }
    if (!isWordChar(cp)) {
      return false;
    }
    UnicodeScript script = UnicodeScript.of(cp);
    return script == UnicodeScript.HAN
        || script == UnicodeScript.HIRAGANA
        || script == UnicodeScript.KATAKANA
        || script == UnicodeScript.HANGUL;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.LETTER_NUMBER;
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static int flush(List<Segment> out, boolean cjk, int[] buf, int len) {
    if (len > 0) {
      out.add(new Segment(cjk, Arrays.copyOf(buf, len)));
    }
    return 0;
  }

  private static StringBuilder appendCodePoint(StringBuilder sb, int cp) {
    String digits = Integer.toString(cp, 36);
    for (int pad = digits.length(); pad < CP_WIDTH; pad++) {
      sb.append('0');
    }
    return sb.append(digits);
  }
}
