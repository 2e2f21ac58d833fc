package io.fenz.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FuturesTest {
  @Test
  void theResultComesBack() {
    assertThat(Futures.await(CompletableFuture.completedFuture("done"), "testing"))
        .isEqualTo("done");
  }

  @Test
  void anUncheckedExceptionIsThrownAsItWas() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad");
    assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(thrown), "testing"))
        .isSameAs(thrown);
  }

  @Test
  void aCheckedExceptionIsWrapped() {
    IOException thrown = new IOException("disk");
    assertThatThrownBy(() -> Futures.await(CompletableFuture.failedFuture(thrown), "testing"))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(thrown);
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Futures.await(new CompletableFuture<>(), "testing"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("interrupted while testing");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
