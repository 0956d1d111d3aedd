package com.acme.partoo.tokens;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Partoo rejected the request as incorrect (HTTP 400); {@link #fieldErrors()} says which field and why. Retrying the
 * same request will not help: fix the input (for revoke, this is also what Partoo answers for a token that is no longer
 * valid).
 */
public final class InvalidRequestException extends PartooException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // an immutable Map.copyOf of immutable lists of strings
  private final Map<String, List<String>> fieldErrors;

  /**
   * See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}.
   *
   * @param fieldErrors Partoo's per-field detail ({@code errors.json}), keyed by field name
   */
  public InvalidRequestException(String message, Details details, @Nullable Throwable cause, Map<String, List<String>> fieldErrors) {
    super(message, details, cause);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  /** Partoo's per-field messages, e.g. {@code ttl → ["Must be less than or equal to 86400."]}; may be empty. */
  public Map<String, List<String>> fieldErrors() {
    return fieldErrors;
  }
}
