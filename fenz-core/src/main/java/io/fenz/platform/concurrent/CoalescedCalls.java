package io.fenz.platform.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Turns concurrent calls into batches: one caller at a time sends every call waiting at that moment
 * in one {@code send}; callers arriving meanwhile wait, and when the batch returns the first of
 * them sends the next. No thread of its own and no timer: a call made alone is sent at once, and
 * each caller returns only once its own call has been answered.
 */
public final class CoalescedCalls<T, R> {
  private final Function<List<T>, List<R>> send;
  private final int maxBatch;
  private final Queue<Call<T, R>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();

  /**
   * {@code send} answers each argument at the same index; what it throws is thrown to every caller
   * of that batch and to those waiting for the next one.
   */
  public CoalescedCalls(Function<List<T>, List<R>> send, int maxBatch) {
    this.send = send;
    this.maxBatch = maxBatch;
  }

  public R call(T argument) {
    Call<T, R> call = new Call<>(argument, Thread.currentThread());
    waiting.add(call);
    if (sending.compareAndSet(false, true)) {
      sendBatch();
    }
    while (true) {
      switch (call.state.get()) {
        case DONE -> {
          if (call.failure instanceof RuntimeException e) {
            throw e;
          } else if (call.failure instanceof Error e) {
            throw e;
          }
          return call.result;
        }
        case YOUR_TURN -> {
          call.state.set(State.WAITING);
          sendBatch();
        }
        case WAITING -> LockSupport.park(this);
      }
    }
  }

  /** Runs holding {@code sending}; passes it on to the oldest waiting call, if any. */
  private void sendBatch() {
    List<Call<T, R>> batch = new ArrayList<>();
    try {
      for (Call<T, R> next; batch.size() < maxBatch && (next = waiting.poll()) != null; ) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        return; // our call went out with the previous holder's batch before we took `sending`
      }
      List<R> results = send.apply(batch.stream().map(c -> c.argument).toList());
      if (results.size() != batch.size()) {
        throw new IllegalStateException(results.size() + " answers to " + batch.size() + " calls");
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).finish(results.get(i), null);
      }
    } catch (RuntimeException | Error e) {
      // The calls that queued meanwhile fail too: sent, they would most likely wait out the same
      // timeout one batch at a time.
      for (Call<T, R> next; (next = waiting.poll()) != null; ) {
        batch.add(next);
      }
      batch.forEach(c -> c.finish(null, e));
    } finally {
      passTurn();
    }
  }

  /**
   * A call queued while {@code sending} was still set saw the flag taken: someone must send it. The
   * head seen before taking the flag back may have been sent meanwhile by another holder, so the
   * turn goes only to a call still waiting.
   */
  private void passTurn() {
    sending.set(false);
    for (Call<T, R> next; (next = waiting.peek()) != null && sending.compareAndSet(false, true); ) {
      if (next.takeTurn()) {
        return;
      }
      sending.set(false);
    }
  }

  private enum State {
    WAITING,
    YOUR_TURN,
    DONE
  }

  private static final class Call<T, R> {
    private final T argument;
    private final Thread caller;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private R result;
    private Throwable failure;

    Call(T argument, Thread caller) {
      this.argument = argument;
      this.caller = caller;
    }

    void finish(R value, Throwable error) {
      result = value;
      failure = error;
      state.set(State.DONE);
      LockSupport.unpark(caller);
    }

    /** False if the call was answered already. */
    boolean takeTurn() {
      if (!state.compareAndSet(State.WAITING, State.YOUR_TURN)) {
        return false;
      }
      LockSupport.unpark(caller);
      return true;
    }
  }
}
