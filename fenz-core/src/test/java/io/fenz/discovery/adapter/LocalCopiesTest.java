package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LocalCopiesTest {
  private final LocalCopies<Long, String> copies = LocalCopies.evictingAtOnce(2);

  @Test
  void aValueReadIsKept() {
    assertThat(copies.get(1L, id -> "one")).isEqualTo("one");
    assertThat(copies.get(1L, id -> "not read again")).isEqualTo("one");
  }

  @Test
  void anInvalidationDuringTheReadWins() {
    Object reservation = copies.reserve(1L);
    copies.invalidate(1L); // the key changed while Redis was being asked
    copies.fill(1L, reservation, "maybe old");
    assertThat(copies.get(1L)).isNull();
  }

  @Test
  void aStaleFillCannotReplaceANewerReservation() {
    Object old = copies.reserve(1L);
    copies.invalidate(1L);
    Object newer = copies.reserve(1L);
    copies.fill(1L, old, "old");
    assertThat(copies.get(1L)).isNull();
    copies.fill(1L, newer, "new");
    assertThat(copies.get(1L)).isEqualTo("new");
  }

  @Test
  void nothingInRedisOrAFailedReadKeepsNothing() {
    assertThat(copies.get(1L, id -> null)).isNull();
    assertThatThrownBy(
            () ->
                copies.get(
                    2L,
                    id -> {
                      throw new IllegalStateException("redis down");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("redis down");
    assertThat(copies.size()).as("the reservation does not outlive the failure").isZero();
    assertThat(copies.get(2L, id -> "two")).isEqualTo("two");
  }

  @Test
  void manyKeysReadAtOnceKeepTheirValuesUnlessInvalidatedMeanwhile() {
    LocalCopies<Long, String> many = LocalCopies.evictingAtOnce(10);
    many.readAll(
        List.of(1L, 2L, 3L),
        () -> {
          many.invalidate(3L); // changed while Redis was being asked
          return Arrays.asList("one", null, "maybe old");
        });
    assertThat(many.get(1L)).isEqualTo("one");
    assertThat(many.get(2L)).as("null keeps none").isNull();
    assertThat(many.get(3L)).isNull();
    assertThat(many.size()).isEqualTo(1);
  }

  @Test
  void aFailedReadOfManyKeysEndsEveryReservation() {
    assertThatThrownBy(
            () ->
                copies.readAll(
                    List.of(1L, 2L),
                    () -> {
                      throw new IllegalStateException("redis down");
                    }))
        .hasMessage("redis down");
    assertThat(copies.size()).isZero();
    assertThat(copies.get(1L, id -> "one")).isEqualTo("one");
  }

  @Test
  void neverMoreThanTheCapacityIsKept() {
    for (long id = 1; id <= 10; id++) {
      assertThat(copies.get(id, key -> "value " + key)).isEqualTo("value " + id);
    }
    assertThat(copies.size()).isLessThanOrEqualTo(2);
  }
}
