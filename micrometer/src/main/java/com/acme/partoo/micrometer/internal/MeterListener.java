package com.acme.partoo.micrometer.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PartooListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records a client's calls, attempts, retries, budget and health in Micrometer meters (listed in
 * {@code PartooMetrics}). Every meter it can record is known in advance, so each is registered once and then looked up
 * by index: a call records without building a tag or an id. Calls need no state of their own, so one
 * {@link CallListener} hears them all.
 */
public final class MeterListener implements PartooListener {

  private final MeterTable calls;
  private final MeterTable attempts;
  private final Counter[] retries;
  private final Counter[] budgetExhausted;
  private final AtomicReference<PartooHealth.State> health;
  private final CallListener recorder = new Recorder();

  /** Registers the counters and the gauge now, the timers when first recorded; {@code tags} go on every meter. */
  public MeterListener(MeterRegistry registry, Tags tags) {
    this.calls = new MeterTable(registry, MeterNames.CALLS, "Partoo calls, from start to end, waits included", tags);
    this.attempts = new MeterTable(registry, MeterNames.ATTEMPTS, "Requests sent to Partoo", tags);
    PartooListener.Operation[] operations = PartooListener.Operation.values();
    PartooListener.WaitReason[] reasons = PartooListener.WaitReason.values();
    this.retries = new Counter[operations.length * reasons.length];
    this.budgetExhausted = new Counter[operations.length];
    for (PartooListener.Operation operation : operations) {
      for (PartooListener.WaitReason reason : reasons) {
        retries[operation.ordinal() * reasons.length + reason.ordinal()] = Counter.builder(MeterNames.RETRIES)
            .description("Waits before another attempt at a Partoo call")
            .tags(tags)
            .tag(MeterNames.OPERATION, TagValues.operation(operation))
            .tag(MeterNames.REASON, TagValues.reason(reason))
            .register(registry);
      }
      budgetExhausted[operation.ordinal()] = Counter.builder(MeterNames.BUDGET_EXHAUSTED)
          .description("Times the client's retry budget ran out: calls then fail after one attempt")
          .tags(tags)
          .tag(MeterNames.OPERATION, TagValues.operation(operation))
          .register(registry);
    }
    this.health = BreakerGauge.join(registry, tags);
  }

  @Override
  public CallListener callStarted(CallStarted call) {
    return recorder;
  }

  @Override
  public void retryBudgetExhausted(Operation operation) {
    budgetExhausted[operation.ordinal()].increment();
  }

  @Override
  public void healthChanged(PartooHealth previous, PartooHealth current) {
    health.set(current.state());
  }

  /** Hears every call of the client: the events carry all a meter needs. */
  private final class Recorder implements CallListener {

    @Override
    public void attemptEnded(AttemptEnded attempt) {
      attempts.timer(attempt.operation(), attempt.failure().orElse(null), attempt.statusCode())
          .record(attempt.duration());
      if (attempt.nextWait().isPresent() && attempt.waitReason().isPresent()) {
        retries[attempt.operation().ordinal() * PartooListener.WaitReason.values().length
            + attempt.waitReason().get().ordinal()].increment();
      }
    }

    @Override
    public void callEnded(CallEnded call) {
      FailureKind failure = call.outcome() == Outcome.SUCCESS ? null : call.failure().orElse(null);
      calls.timer(call.operation(), failure, call.statusCode()).record(call.duration());
    }
  }
}
