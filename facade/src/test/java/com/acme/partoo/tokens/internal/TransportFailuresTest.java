package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooListener;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.Test;

/** Which connection failures are configuration errors, and which requests the server provably never processed. */
class TransportFailuresTest {

  private final Attempt connecting = new Attempt(Operation.Kind.GENERATE, Long.MAX_VALUE, 1,
      PartooListener.CallListener.NONE, () -> 0);

  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  private FailureKind kind(IOException failure) {
    Outcome.Misconfigured<Object> misconfigured = TransportFailures.misconfiguration(failure, connecting);
    return misconfigured == null ? null : misconfigured.kind();
  }

  @Test
  void anUntrustedChainAHostnameMismatchAndARefusedHandshakeAreTls() {
    assertThat(kind(handshake("PKIX path building failed", new CertificateException("no path")))).isEqualTo(
        FailureKind.TLS);
    assertThat(kind(new SSLPeerUnverifiedException("Hostname localhost not verified"))).isEqualTo(FailureKind.TLS);
    assertThat(kind(new SSLHandshakeException("Received fatal alert: handshake_failure"))).isEqualTo(
        FailureKind.TLS);
  }

  @Test
  void aHandshakeCutOrTimedOutIsNoAnswer() {
    assertThat(kind(handshake("Remote host terminated the handshake", new EOFException("SSL peer shut down"))))
        .isNull();
    assertThat(kind(handshake("reset", new SocketException("Connection reset")))).isNull();
    SSLException timedOut = new SSLException("read timed out");
    timedOut.initCause(new SocketTimeoutException("Read timed out"));
    assertThat(kind(timedOut)).isNull();
    assertThat(kind(new ConnectException("Failed to connect"))).isNull();
  }

  @Test
  void oneTlsFailureAmongTheAddressesTriedIsEnough() {
    IOException first = new ConnectException("Failed to connect to /[::1]:443");
    first.addSuppressed(new SSLPeerUnverifiedException("Hostname localhost not verified"));

    assertThat(kind(first)).isEqualTo(FailureKind.TLS);
  }

  @Test
  void aConnectAnsweredWithAnotherStatusIsAProxyRefusal() {
    assertThat(kind(new IOException("Unexpected response code for CONNECT: 403"))).isEqualTo(FailureKind.PROXY);
    assertThat(kind(new ProxyAuthentication.RefusedException("127.0.0.1:3128", "it answered 407")))
        .isEqualTo(FailureKind.PROXY);
  }

  @Test
  void onceTheAttemptHadAConnectionNothingIsAConfigurationError() {
    connecting.connectionAcquired();

    assertThat(kind(new SSLException("Tag mismatch"))).isNull();
  }

  @Test
  void aRefusedStreamAndAShutDownConnectionWereNotProcessedOtherResetsMayHaveBeen() {
    assertThat(TransportFailures.unprocessed(new StreamResetException(ErrorCode.REFUSED_STREAM))).isTrue();
    assertThat(TransportFailures.unprocessed(new ConnectionShutdownException())).isTrue();
    assertThat(TransportFailures.unprocessed(new StreamResetException(ErrorCode.PROTOCOL_ERROR))).isFalse();
    assertThat(TransportFailures.unprocessed(new StreamResetException(ErrorCode.CANCEL))).isFalse();
    assertThat(TransportFailures.unprocessed(new EOFException())).isFalse();
  }
}
