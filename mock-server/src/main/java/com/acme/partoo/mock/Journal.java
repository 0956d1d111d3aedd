package com.acme.partoo.mock;

import java.util.List;
import java.util.Optional;

/**
 * What the fake was sent, so a test can assert "exactly one request reached Partoo". A request is recorded before
 * it is answered, so once a client has its answer the journal already shows it. Thread-safe.
 */
public interface Journal {

  /** How many requests were addressed to {@code endpoint} since the last {@link #clear()}, faulty answers included. */
  int count(Endpoint endpoint);

  /** How many requests arrived since the last {@link #clear()}, to any path. */
  int total();

  /** The most recent requests, oldest first: at most the last 100, as an immutable snapshot. */
  List<RecordedRequest> requests();

  /** The most recent request, if any arrived since the last {@link #clear()}. */
  Optional<RecordedRequest> last();

  /** Forgets every recorded request and resets every count. */
  void clear();
}
