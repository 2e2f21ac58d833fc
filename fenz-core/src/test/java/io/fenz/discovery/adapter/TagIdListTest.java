package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagIdListTest {
  @Test
  void readsEveryIdInItsOrder() {
    assertThat(TagIdList.parse("7")).containsExactly(7);
    assertThat(TagIdList.parse("1,22,333,9007199254740993"))
        .containsExactly(1, 22, 333, 9_007_199_254_740_993L);
  }

  @Test
  void noTagsIsEmpty() {
    assertThat(TagIdList.parse(null)).isEmpty();
    assertThat(TagIdList.parse("")).isEmpty();
  }

  @Test
  void aDamagedListIsRefusedNotMisread() {
    assertThatThrownBy(() -> TagIdList.parse("1,,3")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> TagIdList.parse("1,x")).isInstanceOf(NumberFormatException.class);
  }
}
