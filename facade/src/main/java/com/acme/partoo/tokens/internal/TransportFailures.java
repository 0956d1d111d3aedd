package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownServiceException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.jspecify.annotations.Nullable;

/**
 * What an attempt's {@link IOException} says beyond "no answer": that the connection could not be set up because of
 * this client's configuration (TLS trust, host name, protocol; a proxy refusing the tunnel), or that the server
 * provably never processed the request (HTTP/2). Everything else stays no answer, retryable.
 */
final class TransportFailures {

  // OkHttp's ConnectPlan.createTunnel, for a CONNECT answered with anything but 200 or 407 (407 reaches our
  // ProxyAuthentication instead). Pinned by ProxyTest: an OkHttp upgrade that changes it fails that test.
  private static final Pattern CONNECT_REFUSED = Pattern.compile("Unexpected response code for CONNECT: (\\d{3})");

  private TransportFailures() {}

  /**
   * The configuration error behind {@code failure}, or null when it is not one. Only a failure before the attempt
   * had a connection can be one; with several addresses tried, one refused by TLS or the proxy is enough (the others
   * typically failed at TCP, as an address family that does not route). A handshake cut by the peer (end of stream,
   * reset) or timed out is no answer: a server or network in trouble, not a setting to fix.
   */
  static <T> Outcome.@Nullable Misconfigured<T> misconfiguration(IOException failure, Attempt attempt) {
    if (attempt.hasConnection()) {
      return null;
    }
    for (Throwable candidate : withSuppressed(failure)) {
      if (!(candidate instanceof IOException io)) {
        continue;
      }
      if (io instanceof ProxyAuthentication.RefusedException refused) {
        return new Outcome.Misconfigured<>(FailureKind.PROXY, io, refused.problem(), refused.proxy());
      }
      Matcher connect = CONNECT_REFUSED.matcher(String.valueOf(io.getMessage()));
      if (connect.matches()) {
        return new Outcome.Misconfigured<>(FailureKind.PROXY, io,
            "it answered HTTP " + connect.group(1) + " to CONNECT", attempt.proxy());
      }
      String tls = tlsProblem(io);
      if (tls != null) {
        return new Outcome.Misconfigured<>(FailureKind.TLS, io, tls, null);
      }
    }
    return null;
  }

  /**
   * Whether the server never processed the request, so sending it again is safe whatever it does: a stream refused
   * (REFUSED_STREAM, also what OkHttp reports for streams past a GOAWAY's last stream id), or a connection already
   * shut down when the stream was to open.
   */
  static boolean unprocessed(IOException failure) {
    return failure instanceof ConnectionShutdownException
        || failure instanceof StreamResetException reset && reset.errorCode == ErrorCode.REFUSED_STREAM;
  }

  private static @Nullable String tlsProblem(IOException failure) {
    if (!(failure instanceof SSLException || failure instanceof UnknownServiceException) || cutOrTimedOut(failure)) {
      return null;
    }
    if (failure instanceof SSLPeerUnverifiedException) {
      return "Partoo's certificate does not match the host name of the base URL";
    }
    if (causedBy(failure, CertificateException.class)) {
      return "Partoo's certificate is not trusted (its chain does not lead to a CA this client trusts, or it expired)";
    }
    if (failure instanceof UnknownServiceException) {
      return "this client allows no TLS version or cipher suite the connection could use";
    }
    return "the TLS handshake was refused (no TLS version or cipher suite in common, a certificate the server asked"
        + " for, or a server that does not speak TLS on this port)";
  }

  private static boolean cutOrTimedOut(Throwable failure) {
    return causedBy(failure, EOFException.class) || causedBy(failure, SocketException.class)
        || causedBy(failure, InterruptedIOException.class);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static List<Throwable> withSuppressed(Throwable failure) {
    List<Throwable> all = new ArrayList<>(List.of(failure.getSuppressed()));
    all.add(0, failure);
    return all;
  }
}
