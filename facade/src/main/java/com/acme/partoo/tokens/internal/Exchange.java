package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one attempt on OkHttp and turns whatever comes back into an {@link Outcome}: it reads the status, the request
 * id and the {@code Retry-After} the wire interceptor set aside, at most {@link ErrorBody#MAX_BYTES} of an error body,
 * and converts a 2xx body. No exception of OkHttp, Retrofit or Jackson gets past it, except a
 * {@link VirtualMachineError}.
 */
final class Exchange {
  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  private static final String REQUEST_ID_HEADER = "X-Request-Id";

  private final OkHttpClient okHttp;
  private final ObjectMapper json;
  private final Clock clock;

  Exchange(OkHttpClient okHttp, ObjectMapper json, Clock clock) {
    this.okHttp = okHttp;
    this.json = json;
    this.clock = clock;
  }

  /**
   * A new OkHttp call for {@code attempt}, bounded by {@code timeoutNanos} (the time left before the deadline).
   *
   * @throws RuntimeException if Retrofit cannot build the request (a bug); nothing is sent
   */
  Call newCall(ApiCall<?> call, Attempt attempt, long timeoutNanos) {
    Call okHttpCall = okHttp.newCall(call.request().get());
    okHttpCall.tag(Attempt.class, () -> attempt);
    // A zero timeout means "none" to Okio: always leave at least a nanosecond.
    okHttpCall.timeout().timeout(Math.max(timeoutNanos, 1), TimeUnit.NANOSECONDS);
    return okHttpCall;
  }

  /** Runs {@code okHttpCall} on the calling thread. */
  <T> Outcome<T> execute(Call okHttpCall, ApiCall<T> call, Attempt attempt) {
    Response response;
    try {
      response = okHttpCall.execute();
    } catch (IOException e) {
      return failed(e, attempt);
    } catch (RuntimeException e) {
      return new Outcome.Broken<>(e, null, null);
    }
    return read(response, call, attempt);
  }

  /** Runs {@code okHttpCall} on OkHttp's dispatcher, then hands the outcome to {@code then} on the dispatcher's thread. */
  <T> void enqueue(Call okHttpCall, ApiCall<T> call, Attempt attempt, Consumer<Outcome<T>> then) {
    okHttpCall.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        then.accept(read(response, call, attempt));
      }

      @Override
      public void onFailure(Call c, IOException e) {
        then.accept(failed(e, attempt));
      }
    });
  }

  private <T> Outcome<T> read(Response response, ApiCall<T> call, Attempt attempt) {
    int status = response.code();
    attempt.answered(status);
    String requestId = response.header(REQUEST_ID_HEADER);
    LOG.debug("Partoo {} answered HTTP {}", attempt.kind.endpoint(), status);
    try (response) {
      if (!response.isSuccessful()) {
        Duration retryAfter = RetryAfter.parse(attempt.retryAfter(), clock.instant());
        return new Outcome.HttpFailure<>(status, requestId, retryAfter, ErrorBody.read(response.body(), json));
      }
      return new Outcome.Success<>(call.reader().read(response.body()));
    } catch (ApiCall.UnusableBodyException e) {
      return new Outcome.Unusable<>(status, requestId, e.getMessage());
    } catch (JsonProcessingException e) {
      // The parser's message may quote the body (and a token in it): keep only where it failed.
      String where = e.getLocation() == null ? "" : " (at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      return new Outcome.Unusable<>(status, requestId, "a body that is not the expected JSON" + where);
    } catch (IOException e) {
      // The connection failed while the body was read: the answer never fully arrived.
      return new Outcome.NoAnswer<>(e, true);
    } catch (RuntimeException e) {
      return new Outcome.Broken<>(e, status, requestId);
    }
  }

  private static <T> Outcome<T> failed(IOException e, Attempt attempt) {
    if (e instanceof Interceptors.KeyUnavailableException noKey) {
      return new Outcome.NoApiKey<>(noKey.getMessage() == null ? "no key" : noKey.getMessage());
    }
    // What an asynchronous OkHttp call reports as "canceled due to <throwable>" when something threw.
    for (Throwable suppressed : e.getSuppressed()) {
      if (suppressed instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      if (suppressed instanceof RuntimeException broken) {
        return new Outcome.Broken<>(broken, null, null);
      }
    }
    Outcome.Misconfigured<T> misconfigured = TransportFailures.misconfiguration(e, attempt);
    if (misconfigured != null) {
      return misconfigured;
    }
    boolean unprocessed = TransportFailures.unprocessed(e);
    return new Outcome.NoAnswer<>(e, attempt.wasSent() && !unprocessed,
        attempt.onPooledConnection() && !attempt.hasResponded(), unprocessed, attempt.proxy());
  }

  /** The OkHttp client calls run on; for the dispatcher's executor and queue. */
  OkHttpClient okHttp() {
    return okHttp;
  }

}
