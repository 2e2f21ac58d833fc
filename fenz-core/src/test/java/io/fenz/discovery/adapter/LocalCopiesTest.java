package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalCopiesTest {
  private final LocalCopies<Long, String> copies = new LocalCopies<>(2);

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
    try {
      copies.get(2L, id -> {
        throw new IllegalStateException("redis down");
      });
    } catch (IllegalStateException expected) {
      // the reservation must not outlive the failure
    }
    assertThat(copies.size()).isZero();
    assertThat(copies.get(2L, id -> "two")).isEqualTo("two");
  }

  @Test
  void whenFullValuesAreReadButNotKept() {
    copies.get(1L, id -> "one");
    copies.get(2L, id -> "two");
    assertThat(copies.get(3L, id -> "three")).isEqualTo("three");
    assertThat(copies.get(3L)).isNull();
  }
}
