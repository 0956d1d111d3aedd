package com.acme.partoo.it.support;

import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the TCP connections clients open to the server, seen from the server side (whatever the client does). */
public final class ConnectionCounter implements WiremockNetworkTrafficListener {

  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();

  @Override
  public void opened(Socket socket) {
    clientPorts.add(socket.getPort());
    maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
  }

  @Override
  public void incoming(Socket socket, ByteBuffer bytes) {}

  @Override
  public void outgoing(Socket socket, ByteBuffer bytes) {}

  @Override
  public void closed(Socket socket) {
    open.decrementAndGet();
  }

  /** Connections opened since the last reset (distinct client ports). */
  public int opened() {
    return clientPorts.size();
  }

  /** The most connections open at the same time since the last reset. */
  public int maxOpenAtOnce() {
    return maxOpen.get();
  }

  void reset() {
    clientPorts.clear();
    maxOpen.set(open.get());
  }
}
