package com.acme.partoo.tokens.internal;

import kotlin.jvm.functions.Function0;
import kotlin.reflect.KClass;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.EventListener;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Retrofit's call factory here: it only captures the request Retrofit builds from the generated interface. The call
 * loop sends that request itself, so that no Retrofit call executes, buffers an error body, or converts an answer
 * behind its back, and no OkHttp call exists that the loop did not start.
 */
final class RequestCapture implements Call.Factory {

  @Override
  public Call newCall(Request request) {
    return new Captured(request);
  }

  /** A call that is never executed: {@link #request()} is all Retrofit's {@code Call.request()} needs. */
  private static final class Captured implements Call {
    private final Request request;

    Captured(Request request) {
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response execute() {
      throw notSent();
    }

    @Override
    public void enqueue(Callback callback) {
      throw notSent();
    }

    @Override
    public void cancel() {}

    @Override
    public boolean isExecuted() {
      return false;
    }

    @Override
    public boolean isCanceled() {
      return false;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void addEventListener(EventListener eventListener) {
      throw notSent();
    }

    @Override
    public <T> @Nullable T tag(KClass<T> type) {
      return null;
    }

    @Override
    public <T> @Nullable T tag(Class<? extends T> type) {
      return null;
    }

    @Override
    public <T> T tag(KClass<T> type, Function0<? extends T> computeIfAbsent) {
      throw notSent();
    }

    @Override
    public <T> T tag(Class<T> type, Function0<? extends T> computeIfAbsent) {
      throw notSent();
    }

    @Override
    public Call clone() {
      return new Captured(request);
    }

    private static UnsupportedOperationException notSent() {
      return new UnsupportedOperationException("a captured request is sent by the call loop, never by Retrofit");
    }
  }
}
