package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RevokeCommandTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final Cli cli = Cli.against(PARTOO.baseUrl(), PARTOO.apiKey());

  @Test
  void revokesAValidTokenSoCheckSaysRevoked() throws Exception {
    String token = generate();

    Cli.Result result = cli.run("revoke", "--user-id", PARTOO.userId(), "--token", token);

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("revoked" + System.lineSeparator());
    assertThat(result.err()).isEmpty();
    assertThat(PARTOO.journal().count(Endpoint.REVOKE_TOKEN)).isEqualTo(1);
    Cli.Result check = cli.run("check", "--user-id", PARTOO.userId(), "--token", token, "--json");
    assertThat(new ObjectMapper().readTree(check.out()).get("status").asText()).isEqualTo("revoked");
  }

  @Test
  void revokingATokenTwiceIsRejected() throws Exception {
    String token = generate();
    assertThat(cli.run("revoke", "--user-id", PARTOO.userId(), "--token", token).code()).isZero();

    Cli.Result again = cli.run("revoke", "--user-id", PARTOO.userId(), "--token", token);

    assertThat(again.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(again.out()).isEmpty();
    assertThat(again.errorLine()).contains("HTTP 400").contains("no longer valid");
  }

  private String generate() throws Exception {
    Cli.Result generated = cli.run("generate", "--user-id", PARTOO.userId(), "--json");
    assertThat(generated.code()).as(generated.err()).isZero();
    return new ObjectMapper().readTree(generated.out()).get("token").asText();
  }
}
