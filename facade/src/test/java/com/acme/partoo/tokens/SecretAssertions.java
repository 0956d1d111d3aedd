package com.acme.partoo.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Checks that a secret appears nowhere a failure can be printed from. */
final class SecretAssertions {

  private SecretAssertions() {}

  /**
   * Fails if any {@code secret} appears in full in {@code failure}, its causes or suppressed exceptions: messages,
   * {@code toString}s, and a {@link PartooException}'s Partoo message and field errors.
   */
  static void assertNoSecretIn(Throwable failure, String... secrets) {
    String everything = String.join("\n", printable(failure));
    for (String secret : secrets) {
      assertThat(everything).as("everything printable from the failure").doesNotContain(secret);
    }
  }

  private static List<String> printable(Throwable root) {
    List<String> texts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      Throwable t = pending.remove(pending.size() - 1);
      if (!seen.add(t)) {
        continue;
      }
      texts.add(t.toString());
      texts.add(String.valueOf(t.getMessage()));
      if (t instanceof PartooException partoo) {
        partoo.partooMessage().ifPresent(texts::add);
      }
      if (t instanceof InvalidRequestException invalid) {
        texts.add(invalid.fieldErrors().toString());
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      pending.addAll(List.of(t.getSuppressed()));
    }
    return texts;
  }
}
