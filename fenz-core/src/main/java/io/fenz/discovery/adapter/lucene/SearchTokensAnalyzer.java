package io.fenz.discovery.adapter.lucene;

import io.fenz.discovery.domain.SearchTokenizer;
import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Reads {@code videos.search_tokens} (already tokenized by {@link SearchTokenizer}: one token per
 * space-separated word, in order, title section first) and drops each token's field marker. The
 * title field keeps the title section only; every other field keeps both, with {@code sectionGap}
 * positions between them so that no phrase spans title and description.
 */
final class SearchTokensAnalyzer extends Analyzer {
  private final String titleField;
  private final int sectionGap;

  SearchTokensAnalyzer(String titleField, int sectionGap) {
    super(PER_FIELD_REUSE_STRATEGY); // the fields filter differently
    this.titleField = titleField;
    this.sectionGap = sectionGap;
  }

  @Override
  protected TokenStreamComponents createComponents(String field) {
    Tokenizer source = new WhitespaceTokenizer();
    return new TokenStreamComponents(
        source, new FieldMarkerFilter(source, field.equals(titleField), sectionGap));
  }

  private static final class FieldMarkerFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute position =
        addAttribute(PositionIncrementAttribute.class);
    private final boolean titleOnly;
    private final int sectionGap;
    private char section;

    FieldMarkerFilter(TokenStream input, boolean titleOnly, int sectionGap) {
      super(input);
      this.titleOnly = titleOnly;
      this.sectionGap = sectionGap;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      char marker = term.charAt(0);
      if (titleOnly && marker != SearchTokenizer.TITLE) {
        return false; // the title section comes first: the rest is description
      }
      if (section != 0 && marker != section) {
        position.setPositionIncrement(position.getPositionIncrement() + sectionGap);
      }
      section = marker;
      term.copyBuffer(term.buffer(), 1, term.length() - 1);
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      section = 0;
    }
  }
}
