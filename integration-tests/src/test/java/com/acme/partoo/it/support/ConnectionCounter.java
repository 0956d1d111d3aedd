package com.acme.partoo.it.support;

import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the TCP connections clients open to the server, seen from the server side (whatever the client does). */
public final class ConnectionCounter implements WiremockNetworkTrafficListener {

  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @Override
  public void opened(Socket socket) {
    clientPorts.add(socket.getPort());
  }

  @Override
  public void incoming(Socket socket, ByteBuffer bytes) {}

  @Override
  public void outgoing(Socket socket, ByteBuffer bytes) {}

  @Override
  public void closed(Socket socket) {}

  /** Connections opened since the last reset (distinct client ports). */
  public int opened() {
    return clientPorts.size();
  }

  void reset() {
    clientPorts.clear();
  }
}
