package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Building a client: URL rules, validation messages that name the field, the User-Agent, closing. */
class ClientBuilderTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "/", "//"})
  void baseUrlWorksWithOrWithoutTrailingSlash(String trailing) {
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(builder -> builder.baseUrl(partoo.baseUrl() + trailing)).connectionTokens();

    tokens.generate(USER_ID);

    assertThat(partoo.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/connection/generate_token");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://api.partoo.co/v2", "http://10.0.0.1/v2", "http://localhost.example.com/v2", "http://127.0.0.1.nip.io/v2"})
  void plainHttpIsRefusedForAHostThatIsNotLoopback(String url) {
    PartooClient.Builder builder = PartooClient.builder();

    assertThatIllegalArgumentException().isThrownBy(() -> builder.baseUrl(url))
        .withMessageStartingWith("baseUrl").withMessageContaining("https");
    assertThatIllegalArgumentException().isThrownBy(() -> builder.appBaseUrl(url))
        .withMessageStartingWith("appBaseUrl").withMessageContaining("https");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://127.0.0.1:8080/v2", "http://127.0.0.2/v2", "http://localhost:8080/v2", "HTTP://LOCALHOST/v2",
      "http://[::1]:8080/v2", "https://api.partoo.co/v2", "https://api.sandbox.partoo.co/v2/"})
  void httpsAndLoopbackHttpAreAccepted(String url) {
    PartooClient.Builder builder = PartooClient.builder();

    assertThatCode(() -> builder.baseUrl(url).appBaseUrl(url)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"api.partoo.co/v2", "ftp://api.partoo.co/v2", "https:///v2", "https://api.partoo.co/v2?x=1",
      "https://api.partoo.co/v2#top", "https://api partoo.co/v2"})
  void unusableBaseUrlIsRefusedNamingTheField(String url) {
    assertThatIllegalArgumentException().isThrownBy(() -> PartooClient.builder().baseUrl(url))
        .withMessageStartingWith("baseUrl");
  }

  @Test
  void baseUrlWithCredentialsIsRefusedWithoutEchoingThem() {
    PartooClient.Builder builder = PartooClient.builder();

    Throwable thrown = catchThrowable(() -> builder.baseUrl("https://ops:hunter2secret@api.partoo.co/v2"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl").hasMessageContaining("credentials").hasMessageNotContaining("hunter2");
  }

  static Stream<Arguments> refusedSettings() {
    Function<PartooClient.Builder, ThrowingCallable> noKey = builder -> PartooClient.builder()::build;
    return Stream.of(
        refused("no API key", noKey, IllegalStateException.class, "apiKey"),
        refused("null API key", b -> () -> b.apiKey((String) null), NullPointerException.class, "apiKey"),
        refused("null API key supplier", b -> () -> b.apiKey((Supplier<String>) null), NullPointerException.class,
            "apiKeySupplier"),
        refused("zero connect timeout", b -> () -> b.connectTimeout(Duration.ZERO), IllegalArgumentException.class,
            "connectTimeout"),
        refused("negative read timeout", b -> () -> b.readTimeout(Duration.ofSeconds(-1)),
            IllegalArgumentException.class, "readTimeout"),
        refused("zero deadline", b -> () -> b.deadline(Duration.ZERO), IllegalArgumentException.class, "deadline"),
        refused("null environment", b -> () -> b.environment(null), NullPointerException.class, "environment"),
        refused("null retry policy", b -> () -> b.retryPolicy(null), NullPointerException.class, "retryPolicy"),
        refused("null OkHttpClient", b -> () -> b.okHttpClient(null), NullPointerException.class, "okHttpClient"),
        refused("null clock", b -> () -> b.clock(null), NullPointerException.class, "clock"),
        refused("null ticker", b -> () -> b.ticker(null), NullPointerException.class, "ticker"),
        refused("null scheduler", b -> () -> b.scheduler(null), NullPointerException.class, "scheduler"),
        refused("no concurrent call", b -> () -> b.maxConcurrentCalls(0), IllegalArgumentException.class,
            "maxConcurrentCalls"),
        refused("negative idle connections", b -> () -> b.maxIdleConnections(-1), IllegalArgumentException.class,
            "maxIdleConnections"),
        refused("zero idle connection timeout", b -> () -> b.idleConnectionTimeout(Duration.ZERO),
            IllegalArgumentException.class, "idleConnectionTimeout"),
        refused("pool settings with a shared client", b -> b.okHttpClient(new OkHttpClient()).maxIdleConnections(4)
            ::build, IllegalStateException.class, "the pool is the shared client's"),
        refused("User-Agent suffix with a newline", b -> () -> b.userAgentSuffix("billing/4.1\r\nX-Evil: 1"),
            IllegalArgumentException.class, "userAgentSuffix"),
        refused("blank User-Agent suffix", b -> () -> b.userAgentSuffix(" "), IllegalArgumentException.class,
            "userAgentSuffix"),
        refused("zero attempts", b -> () -> RetryPolicy.builder().maxAttempts(0), IllegalArgumentException.class,
            "maxAttempts"),
        refused("eleven attempts", b -> () -> RetryPolicy.builder().maxAttempts(11), IllegalArgumentException.class,
            "maxAttempts"),
        refused("negative base delay", b -> () -> RetryPolicy.builder().baseDelay(Duration.ofMillis(-1)),
            IllegalArgumentException.class, "baseDelay"),
        refused("null max delay", b -> () -> RetryPolicy.builder().maxDelay(null), NullPointerException.class,
            "maxDelay"),
        refused("base delay above max delay", b -> RetryPolicy.builder().baseDelay(Duration.ofSeconds(6))::build,
            IllegalStateException.class, "baseDelay (PT6S) must not exceed maxDelay (PT5S)"),
        refused("negative budget", b -> () -> RetryPolicy.builder().retryBudget(-1, 0.1),
            IllegalArgumentException.class, "capacity"),
        refused("refill above one", b -> () -> RetryPolicy.builder().retryBudget(1, 1.5),
            IllegalArgumentException.class, "refillPerSuccess"),
        refused("refill NaN", b -> () -> RetryPolicy.builder().retryBudget(1, Double.NaN),
            IllegalArgumentException.class, "refillPerSuccess"));
  }

  private static Arguments refused(String what, Function<PartooClient.Builder, ThrowingCallable> setting,
      Class<? extends RuntimeException> type, String named) {
    return Arguments.of(what, setting, type, named);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedSettings")
  void refusedSettingIsReportedNamingTheField(String what, Function<PartooClient.Builder, ThrowingCallable> setting,
      Class<? extends RuntimeException> type, String named) {
    PartooClient.Builder builder = partoo.builder();

    Throwable thrown = catchThrowable(setting.apply(builder));

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(named);
  }

  @Test
  void userAgentNamesTheLibraryVersionJavaAndTheCallersSuffix() {
    partoo.enqueue(tokenResponse());

    partoo.client(builder -> builder.userAgentSuffix("billing-service/4.1")).connectionTokens().generate(USER_ID);

    assertThat(partoo.takeRequest().getHeaders().get("User-Agent"))
        .matches("partoo-token-client-java/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java [^)]+\\) billing-service/4\\.1");
  }

  @Test
  void newBuilderDerivesAVariantKeepingTheOtherSettings() {
    partoo.enqueue(tokenResponse());
    PartooClient original = partoo.client(builder -> builder.userAgentSuffix("billing/1"));

    PartooClient variant = original.newBuilder().deadline(Duration.ofSeconds(7)).build();
    try (variant) {
      variant.connectionTokens().generate(USER_ID);
    }

    assertThat(partoo.takeRequest().getHeaders().get("User-Agent")).endsWith(" billing/1");
    assertThat(variant.toString()).isEqualTo(original.toString());
  }

  @Test
  void closeMakesLaterCallsThrowIllegalState() {
    PartooClient client = partoo.client();
    ConnectionTokens tokens = client.connectionTokens();

    client.close();
    client.close();

    for (ThrowingCallable call : new ThrowingCallable[] {
        () -> tokens.generate(USER_ID), () -> tokens.generate(USER_ID, Duration.ofMinutes(5)),
        () -> tokens.generateAsync(USER_ID), () -> tokens.check(USER_ID, TOKEN),
        () -> tokens.checkAsync(USER_ID, TOKEN),
        () -> tokens.revoke(USER_ID, TOKEN), () -> tokens.revokeAsync(USER_ID, TOKEN)}) {
      assertThatIllegalStateException().isThrownBy(call).withMessageContaining("closed");
    }
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void closeLeavesASharedOkHttpClientRunning() {
    OkHttpClient shared = new OkHttpClient();
    PartooClient client = partoo.builder().okHttpClient(shared).build();

    client.close();

    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
  }

  @Test
  void defaultEnvironmentIsProduction() {
    PartooClient.Builder builder = PartooClient.builder().apiKey(FakePartoo.API_KEY);

    try (PartooClient client = builder.build()) {
      assertThat(client.toString()).contains(PartooEnvironment.PRODUCTION.apiBaseUrl().toString());
      assertThat(client.connectionTokens().loginUrl("abc").toString()).startsWith("https://app.partoo.co/app/");
    }
  }
}
