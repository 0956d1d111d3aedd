package com.acme.partoo.tokens.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Dispatcher;
import org.jspecify.annotations.Nullable;

/**
 * Drives {@link CallLoop}s: on the calling thread for blocking calls, through OkHttp's dispatcher and the client's
 * scheduler for asynchronous ones. The drivers only carry out steps; the loop decides them.
 *
 * <p>Every request takes one of the client's {@link WireSlots} before it is sent and gives it back when its attempt
 * ends; a request that finds none free waits its turn, within the call's deadline (also while the first connection
 * to an HTTP/2 server is set up: {@link ConnectionSharing}).
 *
 * <p>Threads: a blocking call's attempts run on the caller's thread, which waits between them on a latch the waits'
 * scheduler releases, and for its turn on the turn itself. An asynchronous call's attempts and the completion of its
 * future run on OkHttp's dispatcher threads (an async call's turn comes on the thread of the attempt that gave the
 * slot up); scheduler threads only end waits and fire deadlines, and never run a caller's code. A call stopped by its
 * deadline completes on the client's deadline thread.
 */
final class CallRunner {

  private final LoopSettings settings;
  private final Exchange exchange;
  private final WireSlots slots;
  private final ConnectionSharing sharing;
  private final ClientLifecycle lifecycle;
  private final ScheduledExecutorService waits;
  private final ScheduledExecutorService alarms;
  private final Executor deadlines;

  /**
   * @param slots how many requests may be on the wire at once
   * @param sharing narrows {@code slots} while a first HTTP/2 connection is set up
   * @param waits ends the waits between attempts (tests give one on fake time)
   * @param alarms fires the deadlines of queued asynchronous calls, on real time
   * @param deadlines completes the futures of calls stopped by their deadline
   */
  CallRunner(
      LoopSettings settings,
      Exchange exchange,
      WireSlots slots,
      ConnectionSharing sharing,
      ClientLifecycle lifecycle,
      ScheduledExecutorService waits,
      ScheduledExecutorService alarms,
      Executor deadlines) {
    this.settings = settings;
    this.exchange = exchange;
    this.slots = slots;
    this.sharing = sharing;
    this.lifecycle = lifecycle;
    this.waits = waits;
    this.alarms = alarms;
    this.deadlines = deadlines;
  }

  /** Runs {@code call} on the calling thread. @throws com.acme.partoo.tokens.PartooException when it fails for good */
  <T> @Nullable T execute(ApiCall<T> call) {
    CallLoop<T> loop = new CallLoop<>(call, settings, null);
    lifecycle.register(loop);
    try {
      Step<T> step = loop.start();
      while (true) {
        if (step instanceof Step.Send<T> send) {
          Outcome<?> outcome = sendBlocking(loop, send);
          step = outcome == null ? loop.interrupted() : loop.afterAttempt(send.attempt(), outcome);
        } else if (step instanceof Step.Wait<T> wait) {
          step = waitBlocking(loop, wait) ? loop.afterWait() : loop.interrupted();
        } else if (step instanceof Step.Done<T> done) {
          return done.value();
        } else if (step instanceof Step.Fail<T> fail) {
          throw fail.error();
        } else {
          throw new IllegalStateException("a blocking call cannot be abandoned");
        }
      }
    } finally {
      lifecycle.unregister(loop);
    }
  }

  /**
   * Runs {@code call} asynchronously. The future completes on an OkHttp dispatcher thread (or on the thread that closes
   * the client); completing it from outside stops the call.
   */
  <T> CompletableFuture<T> executeAsync(ApiCall<T> call) {
    CompletableFuture<T> future = new CompletableFuture<>();
    CallLoop<T> loop = new CallLoop<>(call, settings, future);
    future.whenComplete((value, error) -> {
      // Completed by the loop (then this does nothing), or by the caller: cancel, orTimeout, complete...
      loop.stop(CallLoop.End.ABANDONED);
      lifecycle.unregister(loop);
    });
    lifecycle.register(loop);
    advance(loop, future, loop.start());
    return future;
  }

  /** Sends once a slot is free; null if the thread was interrupted while it waited for one (nothing sent). */
  private <T> @Nullable Outcome<?> sendBlocking(CallLoop<T> loop, Step.Send<T> send) {
    sharing.beforeTake();
    CompletableFuture<Void> turn = slots.take();
    long timeoutNanos = send.timeoutNanos();
    if (!turn.isDone()) {
      Turn waited = awaitTurn(loop, turn);
      if (waited == Turn.INTERRUPTED) {
        return null;
      }
      if (waited != Turn.GRANTED) {
        // The deadline passed (the loop is stopped, and says so), or the client closed: nothing was sent.
        return new Outcome.NoAnswer<>(new Interceptors.DeadlineReachedException(), false);
      }
      timeoutNanos = loop.timeLeft();
    }
    try {
      Call okHttpCall;
      try {
        okHttpCall = exchange.newCall(send.call(), send.attempt(), timeoutNanos);
      } catch (RuntimeException e) {
        return new Outcome.Broken<>(e, null, null);
      }
      // A call stopped meanwhile is canceled here, and then fails at once without sending.
      loop.sending(okHttpCall);
      return exchange.execute(okHttpCall, send.call(), send.attempt());
    } finally {
      slots.release();
    }
  }

  /** How a blocking wait for a slot ended. */
  private enum Turn { GRANTED, DEADLINE, STOPPED, INTERRUPTED }

  /**
   * Waits for {@code turn} within the call's deadline, measured on the loop's ticker (a timed wait that ends early by
   * it waits for the rest). A turn that comes just as the wait gives up is used: the request of a stopped loop is
   * canceled before it is sent, and its slot given back.
   */
  private static Turn awaitTurn(CallLoop<?> loop, CompletableFuture<Void> turn) {
    loop.waiting(() -> turn.cancel(false));
    Turn ended;
    while (true) {
      long left = loop.timeLeft();
      if (left <= 0) {
        loop.stop(CallLoop.End.DEADLINE);
        ended = Turn.DEADLINE;
        break;
      }
      try {
        turn.get(left, TimeUnit.NANOSECONDS);
        return Turn.GRANTED;
      } catch (TimeoutException e) {
        continue; // re-read the ticker
      } catch (CancellationException e) {
        ended = Turn.STOPPED; // the client closed: stop() gave the turn up
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = Turn.INTERRUPTED;
        break;
      } catch (ExecutionException e) {
        throw new IllegalStateException("a turn is only ever completed or canceled", e);
      }
    }
    boolean givenUp = turn.cancel(false) || turn.isCancelled();
    return givenUp ? ended : Turn.GRANTED;
  }

  /** Waits, or less if the call is stopped or woken early; false if the thread was interrupted. */
  private boolean waitBlocking(CallLoop<?> loop, Step.Wait<?> wait) {
    if (Thread.currentThread().isInterrupted()) {
      return false;
    }
    CountDownLatch over = new CountDownLatch(1);
    loop.waiting(over::countDown);
    if (wait.wakeEarly() != null) {
      wait.wakeEarly().whenComplete((ignored, error) -> over.countDown());
    }
    Future<?> timer;
    try {
      timer = waits.schedule(over::countDown, wait.nanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return true; // the client is closing: the loop, stopped, will say so
    }
    try {
      over.await();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timer.cancel(false);
      return false;
    }
  }

  private <T> void advance(CallLoop<T> loop, CompletableFuture<T> future, Step<T> step) {
    advance(loop, future, step, false);
  }

  /** @param holdingSlot whether {@code step}, a send, already holds its slot (its turn came) */
  private <T> void advance(CallLoop<T> loop, CompletableFuture<T> future, Step<T> step, boolean holdingSlot) {
    try {
      if (step instanceof Step.Send<T> send && holdingSlot) {
        sendOnSlot(loop, future, send, send.timeoutNanos());
      } else if (step instanceof Step.Send<T> send) {
        sendAsync(loop, future, send);
      } else if (step instanceof Step.Wait<T> wait) {
        waitAsync(loop, future, wait);
      } else if (step instanceof Step.Done<T> done) {
        future.complete(done.value());
      } else if (step instanceof Step.Fail<T> fail) {
        future.completeExceptionally(fail.error());
      }
      // Abandoned: the caller completed the future; nothing more to do.
    } catch (RejectedExecutionException e) {
      loop.stop(CallLoop.End.CLOSED); // the client's threads are gone: it is closing
    } catch (Throwable t) {
      // Never leave the caller's future hanging: a bug, or an Error, ends up in it.
      future.completeExceptionally(t);
    }
  }

  /** Sends once a slot is free: now, or on the thread that gives one up; the deadline bounds the wait. */
  private <T> void sendAsync(CallLoop<T> loop, CompletableFuture<T> future, Step.Send<T> send) {
    sharing.beforeTake();
    CompletableFuture<Void> turn = slots.take();
    if (turn.isDone()) {
      sendOnSlot(loop, future, send, send.timeoutNanos());
      return;
    }
    loop.waiting(() -> turn.cancel(false));
    turn.thenRun(() -> {
      if (loop.isOver()) {
        slots.release(); // stopped while it waited (its turn was handed over before it could be given up)
      } else {
        advance(loop, future, new Step.Send<>(send.call(), send.attempt(), loop.timeLeft()), true);
      }
    });
    armDeadline(loop);
  }

  private <T> void sendOnSlot(CallLoop<T> loop, CompletableFuture<T> future, Step.Send<T> send, long timeoutNanos) {
    Call okHttpCall;
    try {
      okHttpCall = exchange.newCall(send.call(), send.attempt(), timeoutNanos);
    } catch (RuntimeException e) {
      slots.release();
      advance(loop, future, loop.afterAttempt(send.attempt(), new Outcome.Broken<>(e, null, null)));
      return;
    }
    loop.sending(okHttpCall);
    exchange.enqueue(okHttpCall, send.call(), send.attempt(), outcome -> {
      slots.release();
      advance(loop, future, loop.afterAttempt(send.attempt(), outcome));
    });
    armDeadlineIfQueued(loop);
  }

  /** Schedules the end of a wait; woken early, the wait ends then instead (once either way). */
  private <T> void waitAsync(CallLoop<T> loop, CompletableFuture<T> future, Step.Wait<T> wait) {
    if (wait.wakeEarly() == null) {
      waits.schedule(() -> afterWaitAsync(loop, future), wait.nanos(), TimeUnit.NANOSECONDS);
      return;
    }
    AtomicBoolean over = new AtomicBoolean();
    Future<?> timer = waits.schedule(() -> {
      if (over.compareAndSet(false, true)) {
        afterWaitAsync(loop, future);
      }
    }, wait.nanos(), TimeUnit.NANOSECONDS);
    wait.wakeEarly().whenComplete((ignored, error) -> {
      if (over.compareAndSet(false, true)) {
        timer.cancel(false);
        afterWaitAsync(loop, future);
      }
    });
  }

  /** Where a wait ends: starts the next attempt (cheap), or hands a result to OkHttp's threads to deliver. */
  private <T> void afterWaitAsync(CallLoop<T> loop, CompletableFuture<T> future) {
    Step<T> next = loop.afterWait();
    if (next instanceof Step.Send<T>) {
      advance(loop, future, next);
    } else {
      run(exchange.okHttp().dispatcher().executorService(), () -> advance(loop, future, next));
    }
  }

  /**
   * OkHttp starts an enqueued call's timeout only when its dispatcher runs it: a call waiting in the dispatcher's queue
   * needs a timer of its own to end at its deadline. Running calls are bounded by their OkHttp timeout, so only
   * calls that may be queued get one (at most one per call).
   */
  private void armDeadlineIfQueued(CallLoop<?> loop) {
    Dispatcher dispatcher = exchange.okHttp().dispatcher();
    if (dispatcher.queuedCallsCount() > 0) {
      armDeadline(loop);
    }
  }

  /** Arms the call's deadline alarm, unless it has one. */
  private void armDeadline(CallLoop<?> loop) {
    if (!loop.hasAlarm()) {
      armDeadline(loop, loop.timeLeft());
    }
  }

  private void armDeadline(CallLoop<?> loop, long inNanos) {
    loop.alarm(alarms.schedule(() -> {
      long left = loop.timeLeft();
      if (left > 0) {
        armDeadline(loop, left); // early by the ticker (the timer's clock and the ticker differ): wait for the rest
      } else {
        run(deadlines, () -> loop.stop(CallLoop.End.DEADLINE));
      }
    }, inNanos, TimeUnit.NANOSECONDS));
  }

  private static void run(Executor executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      task.run(); // closing: deliver the result here rather than lose it
    }
  }
}
