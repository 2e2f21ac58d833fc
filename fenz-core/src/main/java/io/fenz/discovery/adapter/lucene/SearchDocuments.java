package io.fenz.discovery.adapter.lucene;

import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.IndexableVideos;
import java.io.IOException;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;

/**
 * The index's schema: how a video becomes a document and a {@link SearchQuery} a Lucene query and
 * sort.
 *
 * <p>The index reads the very tokens MySQL stores ({@code search_tokens}, written by {@link
 * SearchTokenizer}) into two fields: {@code all} (title and description, field markers dropped, a
 * position gap between the two so no phrase spans them) matches and scores; {@code title} (the
 * title's tokens) only boosts. So both engines match the same things, and phrases use token
 * positions as InnoDB does. Ranking: every required clause found in the title adds {@link
 * #TITLE_WEIGHT} to the BM25 score (title matches first), then BM25, then recency, then id.
 */
public final class SearchDocuments {
  static final float TITLE_WEIGHT = 1000f;

  /**
   * Positions between the title and the description section of {@code all}: more than any phrase
   * spans.
   */
  static final int SECTION_GAP = 1_000;

  private static final String KEY = "key";
  private static final String ID = "id";
  private static final String ALL = "all";
  private static final String TITLE = "title";
  private static final String OWNER = "owner";
  private static final String CATEGORY = "category";
  private static final String DURATION = "duration";
  private static final String TIER = "tier";
  private static final String PUBLISHED = "published";
  private static final String VIEWS = "views";

  /**
   * Title and description share {@code all} (as in MySQL), so length norms are off: a detailed
   * description must not make the same title match rank lower.
   */
  private static final FieldType TEXT_TYPE = textType();

  private static final SortField PUBLISHED_DESC =
      LongField.newSortField(PUBLISHED, true, SortedNumericSelector.Type.MIN);
  private static final SortField VIEWS_DESC =
      LongField.newSortField(VIEWS, true, SortedNumericSelector.Type.MIN);
  private static final SortField ID_DESC =
      LongField.newSortField(ID, true, SortedNumericSelector.Type.MIN);

  private SearchDocuments() {}

  static Analyzer analyzer() {
    return new SearchTokensAnalyzer(TITLE, SECTION_GAP);
  }

  /** The term that names one video's document (for updates and deletes). */
  static Term key(long videoId) {
    return new Term(KEY, Long.toString(videoId));
  }

  /** Every document of one owner. */
  static Query ofOwner(long ownerId) {
    return LongField.newExactQuery(OWNER, ownerId);
  }

  static Document document(IndexableVideos.Row r) {
    Document d = new Document();
    d.add(new StringField(KEY, Long.toString(r.id()), Field.Store.NO));
    d.add(new LongField(ID, r.id(), Field.Store.NO));
    d.add(new Field(ALL, r.tokens(), TEXT_TYPE));
    d.add(new Field(TITLE, r.tokens(), TEXT_TYPE));
    d.add(new LongField(OWNER, r.ownerId(), Field.Store.NO));
    if (r.categoryId() != null) {
      d.add(new LongField(CATEGORY, r.categoryId(), Field.Store.NO));
    }
    d.add(new IntField(DURATION, r.durationSeconds(), Field.Store.NO));
    d.add(new IntField(TIER, r.tier(), Field.Store.NO));
    d.add(new LongField(PUBLISHED, r.publishedAt().toEpochMilli(), Field.Store.NO));
    d.add(new LongField(VIEWS, r.views(), Field.Store.NO));
    return d;
  }

  /**
   * Every sort ends with the id, so the hit's id is its last sort value (no stored-field lookup).
   */
  static long idOf(ScoreDoc hit) {
    Object[] values = ((FieldDoc) hit).fields;
    return (Long) values[values.length - 1];
  }

  /** The ids of the live documents, ascending. */
  static long[] indexedIds(IndexReader reader) throws IOException {
    LongStream.Builder ids = LongStream.builder();
    for (LeafReaderContext leaf : reader.leaves()) {
      SortedNumericDocValues values = DocValues.getSortedNumeric(leaf.reader(), ID);
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = values.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = values.nextDoc()) {
        if (live == null || live.get(doc)) {
          ids.add(values.nextValue());
        }
      }
    }
    return ids.build().sorted().toArray();
  }

  static Query query(SearchQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean restricted = false;
    if (q.hasText()) {
      for (SearchTokenizer.Clause clause : SearchTokenizer.clauses(q.text())) {
        if (clause.exclude()) {
          b.add(match(ALL, clause.tokens()), Occur.MUST_NOT);
        } else {
          b.add(match(ALL, clause.tokens()), Occur.MUST);
          b.add(
              new BoostQuery(new ConstantScoreQuery(match(TITLE, clause.tokens())), TITLE_WEIGHT),
              Occur.SHOULD);
          restricted = true;
        }
      }
    }
    if (q.categoryId() != null) {
      b.add(LongField.newExactQuery(CATEGORY, q.categoryId()), Occur.FILTER);
      restricted = true;
    }
    if (q.duration() != null) {
      Integer max = q.duration().maxSecondsExclusive();
      b.add(
          IntField.newRangeQuery(
              DURATION, q.duration().minSeconds(), max == null ? Integer.MAX_VALUE : max - 1),
          Occur.FILTER);
      restricted = true;
    }
    if (q.publishedAfter() != null) {
      b.add(
          LongField.newRangeQuery(PUBLISHED, q.publishedAfter().toEpochMilli(), Long.MAX_VALUE),
          Occur.FILTER);
      restricted = true;
    }
    if (q.minViews() != null) {
      b.add(LongField.newRangeQuery(VIEWS, q.minViews(), Long.MAX_VALUE), Occur.FILTER);
      restricted = true;
    }
    if (q.access() != null) {
      b.add(IntField.newExactQuery(TIER, q.access().code()), Occur.FILTER);
      restricted = true;
    }
    return restricted ? b.build() : new MatchAllDocsQuery();
  }

  static Sort sort(SearchQuery q) {
    return switch (q.sort()) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, PUBLISHED_DESC, ID_DESC);
      case NEWEST -> new Sort(PUBLISHED_DESC, ID_DESC);
      case VIEWS -> new Sort(VIEWS_DESC, PUBLISHED_DESC, ID_DESC);
    };
  }

  /** The Lucene query and sort a search runs (the benchmark prints them as the plan). */
  public static String describe(SearchQuery query) {
    return query(query) + "  sorted by " + sort(query);
  }

  private static Query match(String field, List<String> tokens) {
    return tokens.size() == 1
        ? new TermQuery(new Term(field, tokens.getFirst()))
        : new PhraseQuery(field, tokens.toArray(String[]::new));
  }

  private static FieldType textType() {
    FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
    type.setOmitNorms(true);
    type.freeze();
    return type;
  }
}
