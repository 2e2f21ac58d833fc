package io.fenz.http;

import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /search on MySQL FULLTEXT (FENZ_SEARCH_ENGINE=fulltext, and the fallback while the in-memory
 * index builds).
 */
@WithFenzServices
class FulltextSearchApiTest extends SearchApiContract {
  @RegisterExtension static final TestApp app = app("fulltext");

  @BeforeAll
  static void start() {
    createCorpus(app);
  }
}
