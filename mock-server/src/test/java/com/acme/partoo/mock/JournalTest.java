package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JournalTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final PartooHttp http = new PartooHttp(PARTOO);

  @Test
  void countsRequestsPerEndpointWhateverTheirOutcome() {
    String token = http.newToken();
    http.check(PARTOO.apiKey(), PARTOO.userId(), token);
    http.check(null, PARTOO.userId(), token);
    http.login(token);
    http.get("/connection/nowhere", null);
    PARTOO.faults().serviceUnavailable(1);
    http.revoke(PARTOO.apiKey(), PARTOO.userId(), token);

    Journal journal = PARTOO.journal();
    assertThat(journal.count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    assertThat(journal.count(Endpoint.CHECK_TOKEN)).isEqualTo(2);
    assertThat(journal.count(Endpoint.LOGIN)).isEqualTo(1);
    assertThat(journal.count(Endpoint.UNKNOWN)).isEqualTo(1);
    assertThat(journal.count(Endpoint.REVOKE_TOKEN)).isEqualTo(1);
    assertThat(journal.total()).isEqualTo(6);
  }

  @Test
  void recordsMethodPathQueryHeadersBodyAndStatus() {
    http.generate(PARTOO.apiKey(), "{\"user_id\": \"" + PARTOO.userId() + "\", \"ttl\": 60}");
    http.check(PARTOO.apiKey(), PARTOO.userId(), "\\xnone");

    List<RecordedRequest> requests = PARTOO.journal().requests();

    assertThat(requests).hasSize(2);
    RecordedRequest generate = requests.get(0);
    assertThat(generate.endpoint()).isEqualTo(Endpoint.GENERATE_TOKEN);
    assertThat(generate.method()).isEqualTo("POST");
    assertThat(generate.path()).isEqualTo("/v2/connection/generate_token");
    assertThat(generate.query()).isEmpty();
    assertThat(generate.header("X-APIKEY")).hasValue(PARTOO.apiKey());
    assertThat(generate.header("content-type")).hasValue("application/json");
    assertThat(generate.body()).isEqualTo("{\"user_id\": \"" + PARTOO.userId() + "\", \"ttl\": 60}");
    assertThat(generate.status()).isEqualTo(200);
    assertThat(generate.answered()).isTrue();
    RecordedRequest check = requests.get(1);
    assertThat(check.query()).isEqualTo("user_id=" + PARTOO.userId() + "&token=%5Cxnone");
    assertThat(check.status()).isEqualTo(404);
    assertThat(PARTOO.journal().last()).contains(check);
  }

  @Test
  void toStringRedactsTheApiKeyAndNeverShowsQueryOrBody() {
    String token = http.newToken();
    http.revoke(PARTOO.apiKey(), PARTOO.userId(), token);
    http.check(PARTOO.apiKey(), PARTOO.userId(), token);

    for (RecordedRequest request : PARTOO.journal().requests()) {
      assertThat(request.toString())
          .containsIgnoringCase("x-apikey=<redacted>")
          .doesNotContain(PARTOO.apiKey())
          .doesNotContain(token.substring(2))
          .contains(request.path());
    }
    assertThat(PARTOO.journal().toString()).doesNotContain(PARTOO.apiKey()).doesNotContain(token.substring(2));
  }

  @Test
  void keepsOnlyTheLastHundredRequestsButCountsThemAll() {
    for (int i = 0; i < 105; i++) {
      http.get("/connection/nowhere?i=" + i, null);
    }

    List<RecordedRequest> requests = PARTOO.journal().requests();

    assertThat(PARTOO.journal().total()).isEqualTo(105);
    assertThat(requests).hasSize(100);
    assertThat(requests.get(0).query()).isEqualTo("i=5");
    assertThat(requests.get(99).query()).isEqualTo("i=104");
  }

  @Test
  void clearForgetsRequestsAndCounts() {
    http.newToken();

    PARTOO.journal().clear();

    assertThat(PARTOO.journal().total()).isZero();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isZero();
    assertThat(PARTOO.journal().requests()).isEmpty();
    assertThat(PARTOO.journal().last()).isEmpty();
  }

  @Test
  void recordedRequestsAreImmutableSnapshots() {
    http.newToken();
    RecordedRequest request = PARTOO.journal().last().orElseThrow();

    List<RecordedRequest> before = PARTOO.journal().requests();
    http.newToken();

    assertThat(before).hasSize(1);
    assertThat(request.headers()).isUnmodifiable();
  }
}
