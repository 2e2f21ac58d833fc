package io.fenz.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Calls made while a batch is in flight go out together in the next one, each caller getting its
 * own answer.
 */
class CoalescedCallsTest {
  @Test
  void callsWaitingForABatchInFlightShareTheNextAndGetTheirOwnAnswers() throws Exception {
    HeldSend<String> send =
        new HeldSend<>(batch -> batch.stream().map(n -> "answer " + n).toList());
    CoalescedCalls<Integer, String> calls = new CoalescedCalls<>(send, 100);
    String[] answers = new String[21];
    Thread first = Thread.ofVirtual().start(() -> answers[0] = calls.call(0));
    send.firstSent.await();
    List<Thread> queued =
        IntStream.rangeClosed(1, 20)
            .mapToObj(n -> Thread.ofVirtual().start(() -> answers[n] = calls.call(n)))
            .toList();
    awaitParked(queued);
    send.release.countDown();
    first.join(Duration.ofSeconds(10));
    for (Thread thread : queued) {
      thread.join(Duration.ofSeconds(10));
    }
    assertThat(answers)
        .containsExactly(
            IntStream.rangeClosed(0, 20).mapToObj(n -> "answer " + n).toArray(String[]::new));
    assertThat(send.batches).hasSize(2);
    assertThat(send.batches.get(1))
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
  }

  @RepeatedTest(50) // the hand-off races show only now and then
  void batchesAreCappedAndTheRestFollowInLaterBatches() throws Exception {
    List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    CoalescedCalls<Integer, Integer> calls =
        new CoalescedCalls<>(
            batch -> {
              sizes.add(batch.size());
              return batch;
            },
            3);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> answers =
          IntStream.range(0, 500).mapToObj(n -> threads.submit(() -> calls.call(n))).toList();
      for (int n = 0; n < 500; n++) {
        assertThat(answers.get(n).get(10, TimeUnit.SECONDS)).isEqualTo(n);
      }
    }
    assertThat(sizes).allMatch(size -> size >= 1 && size <= 3);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
  }

  @Test
  void aFailedBatchFailsEachOfItsCallsAndTheNextBatchStillGoes() {
    CoalescedCalls<Integer, Integer> calls =
        new CoalescedCalls<>(
            batch -> {
              if (batch.contains(-1)) {
                throw new IllegalStateException("unreachable");
              }
              return batch;
            },
            10);
    assertThatThrownBy(() -> calls.call(-1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("unreachable");
    assertThat(calls.call(7)).isEqualTo(7);
  }

  @Test
  void callsWaitingWhileABatchFailsFailWithItUnsent() throws Exception {
    HeldSend<Integer> send =
        new HeldSend<>(
            batch -> {
              if (batch.contains(0)) {
                throw new IllegalStateException("timed out");
              }
              return batch;
            });
    CoalescedCalls<Integer, Integer> calls = new CoalescedCalls<>(send, 100);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    threads.add(Thread.ofVirtual().start(() -> failures.add(failure(() -> calls.call(0)))));
    send.firstSent.await();
    for (int n = 1; n <= 5; n++) {
      int argument = n;
      threads.add(
          Thread.ofVirtual().start(() -> failures.add(failure(() -> calls.call(argument)))));
    }
    awaitParked(threads.subList(1, threads.size()));
    send.release.countDown();
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(10));
    }
    assertThat(failures).hasSize(6).allSatisfy(e -> assertThat(e).hasMessage("timed out"));
    assertThat(send.batches).as("sent once").hasSize(1);
    assertThat(calls.call(7)).isEqualTo(7);
  }

  private static Throwable failure(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** Until each thread has queued its call and parked. */
  private static void awaitParked(List<Thread> threads) throws InterruptedException {
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      Thread.sleep(5);
    }
  }

  /** Records its batches and holds the first until released, so that calls queue behind it. */
  private static final class HeldSend<R> implements Function<List<Integer>, List<R>> {
    final CountDownLatch firstSent = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final Function<List<Integer>, List<R>> answer;

    HeldSend(Function<List<Integer>, List<R>> answer) {
      this.answer = answer;
    }

    @Override
    public List<R> apply(List<Integer> batch) {
      batches.add(batch);
      firstSent.countDown();
      await(release);
      return answer.apply(batch);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
