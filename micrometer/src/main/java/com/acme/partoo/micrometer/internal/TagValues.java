package com.acme.partoo.micrometer.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PartooListener;
import java.util.Locale;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** Tag values, all from enums or a status's first digit: a bounded set, never a value from a request. */
final class TagValues {
  static final String NONE = "none";
  /** {@code none}, then {@code 1xx} to {@code 9xx}. */
  static final int STATUS_CLASSES = 10;

  private TagValues() {}

  static String operation(PartooListener.Operation operation) {
    return lower(operation);
  }

  static String reason(PartooListener.WaitReason reason) {
    return lower(reason);
  }

  static String state(PartooHealth.State state) {
    return lower(state);
  }

  static String outcome(@Nullable FailureKind failure) {
    return failure == null ? "success" : "failure";
  }

  static String error(@Nullable FailureKind failure) {
    return failure == null ? NONE : lower(failure);
  }

  /** 0 for no status, else the status's hundreds (1 to 9). */
  static int statusClass(OptionalInt status) {
    if (status.isEmpty()) {
      return 0;
    }
    int hundreds = status.getAsInt() / 100;
    return hundreds >= 1 && hundreds <= 9 ? hundreds : 0;
  }

  static String statusClass(int index) {
    return index == 0 ? NONE : index + "xx";
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
