package com.acme.partoo.mock.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenClientExampleTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  @Test
  void getsATokenWhenPartooIsBrieflyUnavailable() throws Exception {
    PARTOO.faults().serviceUnavailable(1);
    ExampleTokenClient client = new ExampleTokenClient(PARTOO.baseUrl(), PARTOO.apiKey()); // your code

    String token = client.generateToken(PARTOO.userId());

    assertThat(token).isNotBlank();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2); // the 503, then the retry
  }
}
