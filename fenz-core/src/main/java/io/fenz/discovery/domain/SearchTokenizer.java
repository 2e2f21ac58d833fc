package io.fenz.discovery.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@code videos.search_tokens} column and the matching InnoDB {@code MATCH ... AGAINST
 * (... IN BOOLEAN MODE)} strings, working around what InnoDB's built-in parser cannot do (no word
 * breaking for CJK, tokens shorter than {@code innodb_ft_min_token_size} = 3 ignored, stopwords
 * dropped).
 *
 * <h2>Encoding</h2>
 *
 * Text is NFKC-normalized and lowercased ({@link java.util.Locale#ROOT}), then split into word runs
 * (letters/digits, e.g. {@code iphone15}, {@code 3d}) and CJK runs (Han, Hiragana, Katakana,
 * Hangul, plus {@code ー}); every CJK run yields all unigrams and all overlapping bigrams. Each
 * token is written as {@code <field><kind><payload>} using only {@code [a-z0-9]}: field {@code t}
 * (title) or {@code d} (description); kind {@code w} + the word itself for pure {@code [a-z0-9]}
 * words, {@code x} for other words, {@code u} for a CJK unigram, {@code b} for a CJK bigram, where
 * non-ASCII payloads are each code point as exactly 4 base-36 digits. So {@code AI} in a title is
 * {@code twai}, {@code 貓} in a description is {@code du0rrn}. Tokens are therefore 3..84 characters
 * (longer words are truncated identically on both sides), are one InnoDB word each (no delimiters,
 * no {@code _}), and can never be a stopword: the only 3+ letter stopwords starting with {@code
 * t}/{@code d} are {@code that, the, this}, and {@code h} is not a kind letter.
 *
 * <h2>Why separate title and description markers</h2>
 *
 * Title and description tokens are disjoint ({@code t…} vs {@code d…}) rather than duplicating
 * title tokens into a shared form: each query term becomes {@code +(tX dX)} ("in title or
 * description"), a title-only score is just a second MATCH over the {@code t…} tokens, the index is
 * not inflated by a second copy of the title, and a phrase can never match across the
 * title/description boundary because the two sections use different tokens.
 *
 * <h2>Layout and phrases</h2>
 *
 * Per field, {@code indexText} writes the <em>ordered stream</em> (words, and per CJK run its
 * bigrams in order, or its unigram if the run has one character) followed by the
 * <em>deduplicated</em> CJK unigrams. InnoDB checks a phrase {@code "tA tB"} against token
 * positions in the stored text, so the stream keeps document order and repeats; to stay bounded it
 * drops lines identical to an earlier line of the same field, and inputs are cut to {@value
 * #MAX_TITLE_CHARS}/{@value #MAX_DESCRIPTION_CHARS} code points (worst case, all-CJK input: about
 * 18 output characters per input character, well within MEDIUMTEXT). Known approximation: a CJK
 * phrase matches its bigram sequence, so a one-character CJK run inside a multi-token phrase only
 * matches where that character stands alone in the text.
 *
 * <h2>SQL</h2>
 *
 * <pre>{@code
 * -- write path
 * UPDATE videos SET search_tokens = :indexText WHERE id = :id
 * -- read path, when booleanQuery(q) is present; :q = booleanQuery(q), :tq = titleBoostQuery(q)
 * SELECT ... FROM videos
 *  WHERE MATCH(search_tokens) AGAINST(:q IN BOOLEAN MODE)
 *  ORDER BY MATCH(search_tokens) AGAINST(:tq IN BOOLEAN MODE) DESC,   -- title hits first
 *           MATCH(search_tokens) AGAINST(:q IN BOOLEAN MODE) DESC      -- then overall relevance
 * }</pre>
 *
 * Both strings are always bound as parameters; they only ever contain {@code [a-z0-9]}, spaces and
 * {@code + - ( ) "}, so they are also safe from boolean-syntax errors. When {@code booleanQuery} is
 * empty there is nothing to search: do not run the MATCH query.
 *
 * <h2>Query syntax</h2>
 *
 * Whitespace-separated terms, all required; a term may contain several words/runs (e.g. {@code
 * iphone-15}, {@code 開箱iphone}), each required. A CJK run requires each of its bigrams
 * (one-character run: its unigram). {@code "..."} (also {@code “...”}, unterminated quotes run to
 * the end) is a phrase over the token sequence. A leading {@code -} excludes the term or phrase (as
 * a phrase of its tokens); a leading {@code +} is accepted and ignored. Every other operator or
 * metacharacter is a separator. There is no prefix ({@code *}) matching: it would need {@code *} in
 * the output and, with field markers, prefix hits on truncated CJK codes would be meaningless.
 */
public final class SearchTokenizer {
  public static final int MAX_TITLE_CHARS = 200;
  public static final int MAX_DESCRIPTION_CHARS = 5000;
  public static final int MAX_QUERY_CHARS = 256;
  public static final int MAX_QUERY_CLAUSES = 32;

  /** Field markers: an indexed token is the marker followed by a base token. */
  public static final char TITLE = 't';

  public static final char DESCRIPTION = 'd';

  private SearchTokenizer() {}

  /** The value to store in {@code search_tokens}: space-separated tokens, title section first. */
  public static String indexText(String title, String description) {
    StringBuilder out = new StringBuilder();
    appendField(out, TITLE, title, MAX_TITLE_CHARS);
    appendField(out, DESCRIPTION, description, MAX_DESCRIPTION_CHARS);
    return out.toString();
  }

  /**
   * The {@code AGAINST(... IN BOOLEAN MODE)} string selecting matches, or empty when the query has
   * no required searchable term (blank, operators/punctuation only, or exclusions only).
   */
  public static Optional<String> booleanQuery(String userQuery) {
    List<Clause> clauses = parse(userQuery);
    if (clauses.stream().allMatch(Clause::exclude)) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    for (Clause c : clauses) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(c.exclude() ? '-' : '+').append('(');
      c.appendAlternative(sb, TITLE);
      sb.append(' ');
      c.appendAlternative(sb, DESCRIPTION);
      sb.append(')');
    }
    return Optional.of(sb.toString());
  }

  /**
   * A second {@code AGAINST(... IN BOOLEAN MODE)} string for ORDER BY: the required terms as
   * optional title-only tokens/phrases, so its score is positive only for rows with title hits and
   * grows with them. Present exactly when {@link #booleanQuery} is.
   */
  public static Optional<String> titleBoostQuery(String userQuery) {
    List<Clause> clauses = parse(userQuery);
    StringBuilder sb = new StringBuilder();
    for (Clause c : clauses) {
      if (c.exclude()) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      c.appendAlternative(sb, TITLE);
    }
    return sb.isEmpty() ? Optional.empty() : Optional.of(sb.toString());
  }

  private static void appendField(StringBuilder out, char field, String text, int maxChars) {
    String normalized =
        SearchTokenCodec.truncate(
            SearchTokenCodec.normalize(SearchTokenCodec.truncate(text, maxChars)), maxChars);
    Set<List<String>> seenLines = new HashSet<>();
    Set<String> streamTokens = new HashSet<>();
    Set<String> unigrams = new LinkedHashSet<>();
    for (String line : normalized.split("\\R")) {
      List<SearchTokenCodec.Segment> segments = SearchTokenCodec.segments(line);
      List<String> lineTokens = new ArrayList<>();
      for (SearchTokenCodec.Segment s : segments) {
        lineTokens.addAll(SearchTokenCodec.sequence(s));
      }
      if (lineTokens.isEmpty() || !seenLines.add(lineTokens)) {
        continue;
      }
      for (String token : lineTokens) {
        appendToken(out, field, token);
      }
      streamTokens.addAll(lineTokens);
      for (SearchTokenCodec.Segment s : segments) {
        unigrams.addAll(SearchTokenCodec.unigrams(s));
      }
    }
    for (String token : unigrams) {
      if (!streamTokens.contains(token)) {
        appendToken(out, field, token);
      }
    }
  }

  private static void appendToken(StringBuilder out, char field, String baseToken) {
    if (!out.isEmpty()) {
      out.append(' ');
    }
    out.append(field).append(baseToken);
  }

  /**
   * The query as clauses, for engines that take structured queries (the same parse as {@link
   * #booleanQuery}): every non-excluded clause is required in the title or the description. Empty
   * when nothing is searchable.
   */
  public static List<Clause> clauses(String userQuery) {
    List<Clause> clauses = parse(userQuery);
    return clauses.stream().allMatch(Clause::exclude) ? List.of() : clauses;
  }

  /**
   * One boolean clause; {@code tokens} are base tokens (more than one means a phrase, in order):
   * what {@link #indexText} writes after the {@link #TITLE} or {@link #DESCRIPTION} marker.
   */
  public record Clause(boolean exclude, List<String> tokens) {
    void appendAlternative(StringBuilder sb, char field) {
      if (tokens.size() == 1) {
        sb.append(field).append(tokens.getFirst());
        return;
      }
      sb.append('"');
      for (int i = 0; i < tokens.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(field).append(tokens.get(i));
      }
      sb.append('"');
    }
  }

  private static List<Clause> parse(String userQuery) {
    String q = SearchTokenCodec.normalize(SearchTokenCodec.truncate(userQuery, MAX_QUERY_CHARS));
    Set<Clause> clauses = new LinkedHashSet<>();
    int i = 0;
    while (i < q.length()) {
      int cp = q.codePointAt(i);
      if (isSpace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      boolean exclude = false;
      while (i < q.length() && (q.charAt(i) == '+' || q.charAt(i) == '-')) {
        exclude |= q.charAt(i) == '-';
        i++;
      }
      if (i < q.length() && isQuote(q.charAt(i))) {
        int end = i + 1;
        while (end < q.length() && !isQuote(q.charAt(end))) {
          end++;
        }
        List<String> tokens = SearchTokenCodec.sequence(q.substring(i + 1, end));
        if (!tokens.isEmpty()) {
          clauses.add(new Clause(exclude, List.copyOf(tokens)));
        }
        i = Math.min(end + 1, q.length());
      } else {
        int end = i;
        while (end < q.length()) {
          int c = q.codePointAt(end);
          if (isSpace(c) || isQuote(c)) {
            break;
          }
          end += Character.charCount(c);
        }
        List<String> tokens = SearchTokenCodec.sequence(q.substring(i, end));
        if (exclude) {
          if (!tokens.isEmpty()) {
            clauses.add(new Clause(true, List.copyOf(tokens)));
          }
        } else {
          for (String token : tokens) {
            clauses.add(new Clause(false, List.of(token)));
          }
        }
        i = end;
      }
    }
    return clauses.stream().limit(MAX_QUERY_CLAUSES).toList();
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static boolean isQuote(int cp) {
    return cp == '"' || cp == '\u201C' || cp == '\u201D' || cp == '\u201E';
  }
}
