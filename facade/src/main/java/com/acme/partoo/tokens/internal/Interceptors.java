package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The two interceptors that keep the wire under the call loop's control. {@link #attempt} runs once per attempt, on
 * the thread that runs it (the caller's for a blocking call, an OkHttp dispatcher thread for an asynchronous one),
 * outside OkHttp's follow-up logic; {@link #wire} runs once per request written, closest to the socket.
 */
final class Interceptors {

  static final String API_KEY_HEADER = "x-APIKey";
  private static final String RETRY_AFTER = "Retry-After";

  private Interceptors() {}

  /**
   * Application interceptor: refuses to start past the deadline (a call that waited in the dispatcher's queue), and
   * resolves the API key from the supplier, so that a slow secret store holds only the thread running this attempt.
   */
  static Interceptor attempt(Ticker ticker, Supplier<@Nullable String> apiKey) {
    return chain -> {
      Attempt attempt = attemptOf(chain);
      if (ticker.read() - attempt.deadline >= 0) {
        throw new DeadlineReachedException();
      }
      attempt.started(resolve(apiKey));
      Request request = chain.request();
      if (attempt.listener != PartooListener.CallListener.NONE) {
        ListenerHeaders headers = new ListenerHeaders();
        attempt.announce(headers);
        request = headers.addTo(request);
      }
      return chain.proceed(request);
    };
  }

  /**
   * Last network interceptor: lets exactly one request per attempt reach the wire, adds the key and the User-Agent
   * (after every interceptor of a shared client, so none of them sees the key), and takes {@code Retry-After} off the
   * answer so OkHttp's {@code RetryAndFollowUpInterceptor} cannot re-send a 503 on its own (nor choke on a value that
   * overflows an int); the loop reads it from the {@link Attempt}.
   */
  static Interceptor wire(String userAgent) {
    return chain -> {
      Attempt attempt = attemptOf(chain);
      if (attempt.countRequest() > 0) {
        throw new FollowUpRefusedException();
      }
      Request.Builder request = chain.request().newBuilder().header("User-Agent", userAgent);
      String key = attempt.keySent();
      if (key != null) {
        request.header(API_KEY_HEADER, key);
      }
      attempt.onTheWire();
      Response response = chain.proceed(request.build());
      attempt.responded();
      String retryAfter = response.header(RETRY_AFTER);
      if (retryAfter == null) {
        return response;
      }
      attempt.retryAfter(retryAfter);
      return response.newBuilder().removeHeader(RETRY_AFTER).build();
    };
  }

  /** The headers a listener adds to a request (a trace context); the ones the client owns are refused. */
  private static final class ListenerHeaders implements PartooListener.RequestHeaders {
    private static final Set<String> OWNED = Set.of(
        "x-apikey", "user-agent", "content-type", "content-length", "host", "transfer-encoding", "connection");

    private final okhttp3.Headers.Builder added = new okhttp3.Headers.Builder();

    @Override
    public void set(String name, String value) {
      if (OWNED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the Partoo client owns the header " + name);
      }
      added.set(name, value); // checks that a header can carry the name and the value
    }

    Request addTo(Request request) {
      okhttp3.Headers headers = added.build();
      if (headers.size() == 0) {
        return request;
      }
      Request.Builder builder = request.newBuilder();
      headers.forEach(header -> builder.header(header.getFirst(), header.getSecond()));
      return builder.build();
    }
  }

  private static Attempt attemptOf(Interceptor.Chain chain) throws IOException {
    Attempt attempt = chain.call().tag(Attempt.class);
    if (attempt == null) {
      // Only the call loop makes calls on this client; anything else is a bug, and must not reach Partoo.
      throw new IOException("a call without an attempt reached the Partoo client's transport");
    }
    return attempt;
  }

  private static String resolve(Supplier<@Nullable String> apiKey) throws KeyUnavailableException {
    String key;
    try {
      key = apiKey.get();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // The supplier's own message could quote the key: name only its type.
      throw new KeyUnavailableException("the API key supplier threw " + e.getClass().getName());
    }
    String problem = Secrets.apiKeyProblem(key);
    if (problem != null) {
      throw new KeyUnavailableException("the API key cannot be sent: " + problem);
    }
    return key;
  }

  /** No usable API key; nothing was sent. */
  static final class KeyUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    KeyUnavailableException(String problem) {
      super(problem);
    }
  }

  /** The deadline passed while the call waited to start; nothing was sent. */
  static final class DeadlineReachedException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    DeadlineReachedException() {
      super("the deadline passed before the request could be sent");
    }
  }

  /** OkHttp tried to send a second request for one attempt (a follow-up of its own); it was not sent. */
  static final class FollowUpRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    FollowUpRefusedException() {
      super("OkHttp tried to follow up the answer with another request; refused, so that every request on the wire"
          + " is an attempt the client counted");
    }
  }
}
