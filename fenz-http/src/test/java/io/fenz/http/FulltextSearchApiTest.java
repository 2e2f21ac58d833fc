package io.fenz.http;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import org.junit.jupiter.api.BeforeAll;

/**
 * GET /search on MySQL FULLTEXT (FENZ_SEARCH_ENGINE=fulltext, and the fallback while the in-memory
 * index builds).
 */
@WithFenzServices
class FulltextSearchApiTest extends SearchApiContract {
  @BeforeAll
  static void start(TestEnvironment environment) {
    start(environment, "fulltext");
  }
}
