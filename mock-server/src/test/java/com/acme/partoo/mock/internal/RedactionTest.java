package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Role;
import com.acme.partoo.mock.User;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens and API keys are credentials: what the fake may print shows at most their first four characters. */
class RedactionTest {

  private static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";
  private static final String KEY = "a-long-secret-api-key";

  @Test
  void issuedTokenShowsOnlyTheFirstFourCharactersOfItsToken() {
    IssuedToken issued = new IssuedToken(TOKEN, "u1", "admin", Instant.EPOCH, Instant.EPOCH, null, null);

    assertThat(issued.toString()).contains("\\xaf…").doesNotContain(TOKEN.substring(4, 12));
  }

  @Test
  void apiKeyGrantAndDirectoryNeverShowTheKey() {
    ApiKeyGrant grant = new ApiKeyGrant(KEY, "admin", Set.of("u1"));
    Directory directory = new Directory(List.of(new User("admin", Role.ORG_ADMIN), new User("u1", Role.PROVIDER)),
        List.of(grant));

    assertThat(grant.toString()).contains("a-lo…").doesNotContain(KEY.substring(4));
    assertThat(directory.toString()).isEqualTo("Directory[users=2, apiKeys=1]");
  }

  @Test
  void shortSecretsAreMaskedEntirely() {
    assertThat(Secrets.mask("12345678")).isEqualTo("…");
    assertThat(Secrets.mask("123456789")).isEqualTo("1234…");
  }
}
