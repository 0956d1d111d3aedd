package com.acme.partoo.benchmarks.peers;

import com.acme.partoo.tokens.ConnectionToken;

/** One peer client, built for one endpoint and shared by every benchmark thread, as a service shares its client. */
public interface Peer extends AutoCloseable {

  /** One {@code generate_token} call, parsed into the facade's value (the TTL reported is Partoo's default). */
  ConnectionToken generate() throws Exception;

  /** Releases what the client holds (threads, connections) where it has a way to. */
  @Override
  void close();
}
