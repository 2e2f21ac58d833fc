package io.fenz.discovery.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TEST ONLY: a strict, tiny model of the InnoDB BOOLEAN MODE subset that {@link SearchTokenizer}
 * emits, evaluated over the whitespace-split token list of {@code search_tokens}.
 *
 * <pre>
 * expr   := clause (' ' clause)*
 * clause := ('+' | '-')? (group | item)
 * group  := '(' item (' ' item)* ')'      -- matches if any item matches
 * item   := word | '"' word (' ' word)* '"' -- word: [a-z0-9]+; phrase: contiguous in token order
 * </pre>
 *
 * A row matches if every {@code +} clause matches, no {@code -} clause matches, and, when there is
 * no {@code +} clause, at least one plain clause matches (InnoDB semantics). Anything outside the
 * grammar throws {@link IllegalArgumentException}, so parsing doubles as a syntax check.
 */
final class BooleanModeEvaluator {
  private BooleanModeEvaluator() {}

  private record Clause(char op, List<List<String>> alternatives) {}

  static boolean matches(String expr, String indexText) {
    List<String> doc = tokens(indexText);
    boolean anyRequired = false;
    boolean anyPlainHit = false;
    for (Clause c : parse(expr)) {
      boolean hit = c.alternatives().stream().anyMatch(alt -> containsSequence(doc, alt));
      switch (c.op()) {
        case '+' -> {
          anyRequired = true;
          if (!hit) {
            return false;
          }
        }
        case '-' -> {
          if (hit) {
            return false;
          }
        }
        default -> anyPlainHit |= hit;
      }
    }
    return anyRequired || anyPlainHit;
  }

  /** Crude relevance stand-in: number of non-excluded clauses that hit. */
  static int score(String expr, String indexText) {
    List<String> doc = tokens(indexText);
    int score = 0;
    for (Clause c : parse(expr)) {
      if (c.op() != '-' && c.alternatives().stream().anyMatch(alt -> containsSequence(doc, alt))) {
        score++;
      }
    }
    return score;
  }

  /** Validates the syntax; returns the number of clauses. */
  static int clauseCount(String expr) {
    return parse(expr).size();
  }

  static List<String> tokens(String indexText) {
    return indexText.isEmpty() ? List.of() : Arrays.asList(indexText.split(" ", -1));
  }

  private static boolean containsSequence(List<String> doc, List<String> seq) {
    outer:
    for (int i = 0; i + seq.size() <= doc.size(); i++) {
      for (int j = 0; j < seq.size(); j++) {
        if (!doc.get(i + j).equals(seq.get(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static List<Clause> parse(String expr) {
    List<Clause> out = new ArrayList<>();
    int[] pos = {0};
    while (true) {
      char op = ' ';
      if (peek(expr, pos) == '+' || peek(expr, pos) == '-') {
        op = expr.charAt(pos[0]++);
      }
      List<List<String>> alternatives = new ArrayList<>();
      if (peek(expr, pos) == '(') {
        pos[0]++;
        alternatives.add(item(expr, pos));
        while (peek(expr, pos) == ' ') {
          pos[0]++;
          alternatives.add(item(expr, pos));
        }
        expect(expr, pos, ')');
      } else {
        alternatives.add(item(expr, pos));
      }
      out.add(new Clause(op, alternatives));
      if (pos[0] == expr.length()) {
        return out;
      }
      expect(expr, pos, ' ');
    }
  }

  private static List<String> item(String expr, int[] pos) {
    if (peek(expr, pos) != '"') {
      return List.of(word(expr, pos));
    }
    pos[0]++;
    List<String> words = new ArrayList<>();
    words.add(word(expr, pos));
    while (peek(expr, pos) == ' ') {
      pos[0]++;
      words.add(word(expr, pos));
    }
    expect(expr, pos, '"');
    return words;
  }

  private static String word(String expr, int[] pos) {
    int start = pos[0];
    while (pos[0] < expr.length()) {
      char c = expr.charAt(pos[0]);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        break;
      }
      pos[0]++;
    }
    if (start == pos[0]) {
      throw new IllegalArgumentException("word expected at " + start + " in: " + expr);
    }
    return expr.substring(start, pos[0]);
  }

  private static char peek(String expr, int[] pos) {
    return pos[0] < expr.length() ? expr.charAt(pos[0]) : '\0';
  }

  private static void expect(String expr, int[] pos, char c) {
    if (peek(expr, pos) != c) {
      throw new IllegalArgumentException("'" + c + "' expected at " + pos[0] + " in: " + expr);
    }
    pos[0]++;
  }
}
