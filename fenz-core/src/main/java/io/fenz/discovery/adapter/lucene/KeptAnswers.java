package io.fenz.discovery.adapter.lucene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.content.domain.Video;
import io.fenz.discovery.domain.SearchQuery;
import java.util.List;
import org.apache.lucene.index.IndexReader;

/**
 * Answers and rows kept for one index reader. Any change the index applies opens a new reader, and
 * a new reader starts with nothing kept, so what is kept is exactly what the index would answer
 * now: repeated searches (popular words, the first pages) cost two lookups and the caller's listed
 * check.
 */
final class KeptAnswers {
  /** Rows kept per index reader (descriptions can be 5,000 characters). */
  static final int ROWS_KEPT = 5_000;

  record Asked(SearchQuery query, long offset, int pageSize) {}

  record Ranked(List<Long> ids, long total, boolean exact) {}

  private final IndexReader reader;
  private final Cache<Asked, Ranked> answers;
  private final Cache<Long, Video> rows;

  private KeptAnswers(IndexReader reader, int answersKept) {
    this.reader = reader;
    this.answers = Caffeine.newBuilder().maximumSize(answersKept).build();
    this.rows = Caffeine.newBuilder().maximumSize(answersKept == 0 ? 0 : ROWS_KEPT).build();
  }

  /** Nothing kept, for no reader. */
  static KeptAnswers none() {
    return new KeptAnswers(null, 0);
  }

  /** {@code current} if it belongs to this reader, else an empty one that does. */
  static KeptAnswers forReader(KeptAnswers current, IndexReader reader, int answersKept) {
    return current.reader == reader ? current : new KeptAnswers(reader, answersKept);
  }

  Ranked answer(Asked asked) {
    return answers.getIfPresent(asked);
  }

  void keep(Asked asked, Ranked ranked) {
    answers.put(asked, ranked);
  }

  Video row(long id) {
    return rows.getIfPresent(id);
  }

  void keep(List<Video> loaded) {
    loaded.forEach(v -> rows.put(v.id(), v));
  }
}
