package com.acme.partoo.micrometer.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The timers of one name, one per operation × error × status class (3 × 13 × 10 at most), each registered the first
 * time it is needed and then found by index. Two threads registering one timer at once get the same (the registry
 * returns the meter it has), so a lost race costs one lookup, never a second meter.
 */
final class MeterTable {
  private static final int ERRORS = FailureKind.values().length + 1;

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Tags tags;
  private final AtomicReferenceArray<Timer> timers =
      new AtomicReferenceArray<>(PartooListener.Operation.values().length * ERRORS * TagValues.STATUS_CLASSES);

  MeterTable(MeterRegistry registry, String name, String description, Tags tags) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.tags = tags;
  }

  Timer timer(PartooListener.Operation operation, @Nullable FailureKind failure, OptionalInt status) {
    int statusClass = TagValues.statusClass(status);
    int index = (operation.ordinal() * ERRORS + (failure == null ? 0 : failure.ordinal() + 1))
        * TagValues.STATUS_CLASSES + statusClass;
    Timer timer = timers.get(index);
    if (timer == null) {
      timer = Timer.builder(name)
          .description(description)
          .tags(tags)
          .tag(MeterNames.OPERATION, TagValues.operation(operation))
          .tag(MeterNames.OUTCOME, TagValues.outcome(failure))
          .tag(MeterNames.ERROR, TagValues.error(failure))
          .tag(MeterNames.STATUS_CLASS, TagValues.statusClass(statusClass))
          .register(registry);
      timers.set(index, timer);
    }
    return timer;
  }
}
