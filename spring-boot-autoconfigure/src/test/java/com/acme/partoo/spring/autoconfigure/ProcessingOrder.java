package com.acme.partoo.spring.autoconfigure;

import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The orders in which Boot's auto-configurations and ours may be processed: what ours wires must not depend on it.
 * The first two register them as plain configurations, which are processed in the order given; the last lets Boot sort
 * them as an application's are.
 */
enum ProcessingOrder {
  OURS_FIRST, BOOTS_FIRST, AS_BOOT_SORTS_THEM;

  ApplicationContextRunner apply(ApplicationContextRunner runner, Class<?>[] ours, Class<?>[] boots) {
    return switch (this) {
      case OURS_FIRST -> runner.withUserConfiguration(concat(ours, boots));
      case BOOTS_FIRST -> runner.withUserConfiguration(concat(boots, ours));
      case AS_BOOT_SORTS_THEM -> runner.withConfiguration(AutoConfigurations.of(concat(ours, boots)));
    };
  }

  private static Class<?>[] concat(Class<?>[] first, Class<?>[] then) {
    return Stream.concat(Stream.of(first), Stream.of(then)).toArray(Class<?>[]::new);
  }
}
