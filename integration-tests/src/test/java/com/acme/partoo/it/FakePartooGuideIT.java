package com.acme.partoo.it;

import static com.acme.partoo.tokens.TokenState.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import org.junit.jupiter.api.Test;

/**
 * The first example of docs/testing-with-the-fake.md, a consumer's test against the fake Partoo (the one
 * scripts/release-smoke.sh runs, shortened), is the code of this class, run here and compared with the guide line by
 * line. The guide's other Java example is mock-server's TokenClientExampleTest, which its TestingWithTheFakeGuideTest
 * compares with the guide.
 */
class FakePartooGuideIT {

  private static final String TITLE = "# Testing your service against the fake Partoo";

  private final DocSnippets guide = DocSnippets.of("docs/testing-with-the-fake.md", FakePartooGuideIT.class);

  @Test
  void theGuideShowsExactlyTheCodeRunHere() {
    guide.assertShown(TITLE, 0, "first test");
    assertThat(guide.javaBlocks()).as("this example and mock-server's TokenClientExampleTest").isEqualTo(2);
  }

  @Test
  void theFirstTestGeneratesAndChecksATokenOnTheFake() {
    // testing-with-the-fake: first test
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(partoo.baseUrl()).build()) {
      ConnectionToken token = client.connectionTokens().generate(DefaultFixture.USER_ID);
      assertThat(client.connectionTokens().check(DefaultFixture.USER_ID, token.token()).state()).isEqualTo(VALID);
    }
    // testing-with-the-fake: end first test
  }
}
