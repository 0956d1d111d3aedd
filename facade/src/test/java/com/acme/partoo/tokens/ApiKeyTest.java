package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.API_KEY;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static com.acme.partoo.tokens.SecretAssertions.assertNoSecretIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API key: sent as x-APIKey, read per attempt so rotation works, refused unsent and unechoed when malformed. */
class ApiKeyTest {

  private static final String ROTATED_KEY = "pk0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void keyIsSentAsTheXApiKeyHeader() {
    partoo.enqueue(tokenResponse());

    partoo.tokens().generate(USER_ID);

    assertThat(partoo.takeRequest().getHeaders().get("x-APIKey")).isEqualTo(API_KEY);
  }

  @Test
  void supplierIsReadForEveryAttemptSoARotatedKeyIsUsedByTheRetry() {
    AtomicReference<String> vault = new AtomicReference<>(API_KEY);
    partoo.scheduler.onWait(() -> vault.set(ROTATED_KEY));
    partoo.enqueue(status(503), tokenResponse());
    ConnectionTokens tokens = partoo.client(builder -> builder.apiKey(vault::get)).connectionTokens();

    tokens.generate(USER_ID);

    assertThat(List.of(partoo.takeRequest(), partoo.takeRequest()))
        .extracting(request -> request.getHeaders().get("x-APIKey"))
        .containsExactly(API_KEY, ROTATED_KEY);
  }

  @Test
  void rotatedKeyIsUsedByTheNextCallWithoutANewClient() {
    AtomicReference<String> vault = new AtomicReference<>(API_KEY);
    partoo.enqueue(tokenResponse(), tokenResponse());
    ConnectionTokens tokens = partoo.client(builder -> builder.apiKey(vault::get)).connectionTokens();

    tokens.generate(USER_ID);
    vault.set(ROTATED_KEY);
    tokens.generate(USER_ID);

    assertThat(partoo.takeRequest().getHeaders().get("x-APIKey")).isEqualTo(API_KEY);
    assertThat(partoo.takeRequest().getHeaders().get("x-APIKey")).isEqualTo(ROTATED_KEY);
  }

  /** Keys that cannot go in a header, each with a long distinctive part that must not be echoed. */
  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {
      "pk7f3a9c2e 5b1d4f8a6c0e9b2d7a4f1c3e",
      "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3e\n",
      "pk7f3a9c2e\t5b1d4f8a6c0e9b2d7a4f1c3e",
      "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3e\u0000",
      "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3é",
      "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3e\u00a0"})
  void builderRefusesAMalformedKeyWithoutEchoingIt(String malformed) {
    PartooClient.Builder builder = partoo.builder().apiKey(malformed);

    IllegalStateException e = catchThrowableOfType(IllegalStateException.class, builder::build);

    assertThat(e.getMessage()).startsWith("apiKey").doesNotContain(malformed.strip()).doesNotContain("9c2e");
  }

  @Test
  void builderRefusesAnEmptyKeyNamingTheField() {
    PartooClient.Builder builder = partoo.builder().apiKey("");

    IllegalStateException e = catchThrowableOfType(IllegalStateException.class, builder::build);

    assertThat(e.getMessage()).startsWith("apiKey").contains("empty");
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"pk7f3a9c2e 5b1d4f8a6c0e9b2d7a4f1c3e", "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3e\r\n"})
  void supplierGivingAMalformedKeyFailsTheCallUnsentAndUnechoed(String malformed) {
    ConnectionTokens tokens = partoo.client(builder -> builder.apiKey(() -> malformed)).connectionTokens();

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> tokens.generate(USER_ID));

    assertThat(e.getMessage()).contains("Nothing was sent").contains("whitespace");
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.attempts()).isEqualTo(1);
    assertNoSecretIn(e, malformed.strip(), "9c2e");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void supplierGivingNoKeyFailsTheCallUnsent() {
    Supplier<String> none = () -> null;
    ConnectionTokens tokens = partoo.client(builder -> builder.apiKey(none)).connectionTokens();

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> tokens.check(USER_ID, "t0ken"));

    assertThat(e.getMessage()).contains("null").contains("Nothing was sent");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void supplierFailureDoesNotLeakItsMessage() {
    Supplier<String> broken = () -> {
      throw new IllegalStateException("vault answered 500 for key " + API_KEY);
    };
    ConnectionTokens tokens = partoo.client(builder -> builder.apiKey(broken)).connectionTokens();

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> tokens.generate(USER_ID));

    assertThat(e.getMessage()).contains(IllegalStateException.class.getName());
    assertNoSecretIn(e, API_KEY, "vault answered");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void interceptorsOfASharedOkHttpClientNeverSeeTheKey() {
    List<String> seen = new CopyOnWriteArrayList<>();
    OkHttpClient shared = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          seen.add(chain.request().toString() + chain.request().headers());
          return chain.proceed(chain.request());
        })
        .addNetworkInterceptor(chain -> {
          seen.add(chain.request().toString() + chain.request().headers());
          return chain.proceed(chain.request());
        })
        .build();
    partoo.enqueue(tokenResponse());

    partoo.client(builder -> builder.okHttpClient(shared)).connectionTokens().generate(USER_ID);

    assertThat(seen).hasSize(2).noneSatisfy(text -> assertThat(text).contains(API_KEY));
    assertThat(partoo.takeRequest().getHeaders().get("x-APIKey")).isEqualTo(API_KEY);
  }
}
