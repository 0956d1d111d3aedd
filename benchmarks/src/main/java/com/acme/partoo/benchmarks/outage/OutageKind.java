package com.acme.partoo.benchmarks.outage;

/** How the simulated Partoo fails during the outage phase. */
enum OutageKind {
  /** Accepts connections and reads requests, never answers: a hung Partoo, or a network that drops its answers. */
  HANG("hang"),
  /** Answers every request with HTTP 503 and no {@code Retry-After}: Partoo down behind a healthy load balancer. */
  UNAVAILABLE("503"),
  /** Answers every request with HTTP 429 and {@code Retry-After: 2}: Partoo shedding load. */
  RATE_LIMITED("429");

  private final String label;

  OutageKind(String label) {
    this.label = label;
  }

  /** The short name used on the command line, in outage.json and in tables. */
  String label() {
    return label;
  }

  static OutageKind of(String label) {
    for (OutageKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown outage kind " + label + ": hang, 503 or 429");
  }
}
