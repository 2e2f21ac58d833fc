package io.fenz.content.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.platform.error.FenzException;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** X-Session-Id: a UUID in its canonical text form, any case, kept in lower case. */
@Tag("unit")
class ViewerTest {
  @Test
  void aUuidIsTheSessionIdInLowerCase() {
    UUID id = UUID.randomUUID();
    assertThat(Viewer.sessionId(id.toString())).isEqualTo(id.toString());
    assertThat(Viewer.sessionId("  " + id.toString().toUpperCase() + " ")).isEqualTo(id.toString());
    assertThat(Viewer.sessionId(null)).isNull();
    assertThat(Viewer.sessionId("  ")).isNull();
  }

  @Test
  void anythingElseIsRefused() {
    for (String bad :
        new String[] {
          "not-a-uuid",
          "0123456789abcdef0123456789abcdef",
          "01234567-89ab-cdef-0123-456789abcdeg",
          "01234567-89ab-cdef-0123-456789abcde",
          "01234567-89ab-cdef-0123-456789abcdef0",
          "01234567+89ab-cdef-0123-456789abcdef",
          "01234567-89ab-cdef-0123-45678９abcdef"
        }) {
      assertThatThrownBy(() -> Viewer.sessionId(bad))
          .as(bad)
          .isInstanceOf(FenzException.class)
          .hasMessageContaining("UUID");
    }
  }
}
