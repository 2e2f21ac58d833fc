package io.fenz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

  @Test
  void insertsTheDatabaseBeforeTheQuery() {
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://127.0.0.1:3306/?user=root", "fenz"))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/fenz?user=root");
  }

  @Test
  void handlesMissingSlashQueryOrExistingDatabase() {
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://db:3306", "a"))
        .isEqualTo("jdbc:mariadb://db:3306/a");
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://db:3306?user=x&password=y", "a"))
        .isEqualTo("jdbc:mariadb://db:3306/a?user=x&password=y");
    assertThat(JdbcUrls.withDatabase("jdbc:mariadb://db/old?user=x", "new"))
        .isEqualTo("jdbc:mariadb://db/new?user=x");
  }

  @Test
  void rejectsNamesThatWouldNeedEscaping() {
    assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mariadb://db/", "a/b?c"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcUrls.withDatabase("mariadb://db/", "a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
