package com.acme.partoo.spring.autoconfigure.internal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code partoo.*} properties cannot make a client (or the {@code partoo.login.*} ones the login endpoints):
 * every problem found, each naming its property. Neither the message nor a problem ever holds the API key.
 */
public final class InvalidPartooPropertiesException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** One refused property and why, e.g. {@code partoo.deadline}, "partoo.deadline must be positive, was PT-1S". */
  public record Problem(String property, String reason) {}

  /**
   * What the refused properties configure, as the failure report says it.
   *
   * @param headline the report's first line, e.g. "The Partoo client cannot be created from its properties"
   * @param fix what else may be done than fixing the values, e.g. "set partoo.enabled=false to start without one"
   */
  public record Subject(String headline, String fix) {

    /** The client of {@code partoo.*}. */
    public static final Subject CLIENT = new Subject("The Partoo client cannot be created from its properties",
        "define your own PartooClient bean, or set partoo.enabled=false to start without a Partoo client");

    /** The login endpoints of {@code partoo.login.*}. */
    public static final Subject LOGIN = new Subject("The Partoo login endpoints cannot be served with their"
        + " properties", "set partoo.login.enabled=false to start without them");
  }

  @SuppressWarnings("serial") // an immutable List.copyOf of records
  private final List<Problem> problems;

  private final Subject subject;

  InvalidPartooPropertiesException(Subject subject, List<Problem> problems) {
    super(subject.headline() + ": "
        + problems.stream().map(Problem::reason).collect(Collectors.joining("; ")));
    this.subject = subject;
    this.problems = List.copyOf(problems);
  }

  /** What the refused properties configure. */
  public Subject subject() {
    return subject;
  }

  /** The problems, in the order the properties were read. */
  public List<Problem> problems() {
    return problems;
  }
}
