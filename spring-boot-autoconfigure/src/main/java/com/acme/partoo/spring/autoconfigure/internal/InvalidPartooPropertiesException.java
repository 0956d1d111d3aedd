package com.acme.partoo.spring.autoconfigure.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code partoo.*} properties cannot make a client: every problem found, each naming its property. Neither the
 * message nor a problem ever holds the API key.
 */
public final class InvalidPartooPropertiesException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** One refused property and why, e.g. {@code partoo.deadline}, "partoo.deadline must be positive, was PT-1S". */
  public record Problem(String property, String reason) {}

  @SuppressWarnings("serial") // an immutable List.copyOf of records
  private final List<Problem> problems;

  InvalidPartooPropertiesException(List<Problem> problems) {
    super("Invalid Partoo client properties: "
        + problems.stream().map(Problem::reason).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order the properties were read. */
  public List<Problem> problems() {
    return problems;
  }
}
