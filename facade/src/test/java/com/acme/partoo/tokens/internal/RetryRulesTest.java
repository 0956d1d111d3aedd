package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Which outcomes are a stale pooled connection: the one kind of failure resent for free. */
class RetryRulesTest {

  private static Outcome<String> noAnswer(IOException cause, boolean onPooledConnection) {
    return new Outcome.NoAnswer<>(cause, true, onPooledConnection);
  }

  @Test
  void aPooledConnectionClosedOrResetBeforeAnyAnswerIsStale() {
    assertThat(RetryRules.isStaleConnection(noAnswer(
        new IOException("unexpected end of stream on http://127.0.0.1/...", new EOFException()), true))).isTrue();
    assertThat(RetryRules.isStaleConnection(noAnswer(new SocketException("Connection reset"), true))).isTrue();
    assertThat(RetryRules.isStaleConnection(noAnswer(new SocketException("Broken pipe"), true))).isTrue();
  }

  @Test
  void aTimeoutOnAPooledConnectionIsNotStale() {
    // Partoo may be slow or hanging: that is a failure like any other.
    assertThat(RetryRules.isStaleConnection(noAnswer(new SocketTimeoutException("timeout"), true))).isFalse();
    assertThat(RetryRules.isStaleConnection(noAnswer(new InterruptedIOException("timeout"), true))).isFalse();
    assertThat(RetryRules.isStaleConnection(noAnswer(new Interceptors.DeadlineReachedException(), true))).isFalse();
  }

  @Test
  void aConnectionOpenedForTheAttemptIsNeverStale() {
    assertThat(RetryRules.isStaleConnection(noAnswer(new SocketException("Connection reset"), false))).isFalse();
  }

  @Test
  void anAnswerIsNeverStale() {
    Outcome<String> unavailable = new Outcome.HttpFailure<>(503, null, null, ErrorBody.NONE);

    assertThat(RetryRules.isStaleConnection(unavailable)).isFalse();
    assertThat(RetryRules.isStaleConnection(new Outcome.Success<>("token"))).isFalse();
  }
}
