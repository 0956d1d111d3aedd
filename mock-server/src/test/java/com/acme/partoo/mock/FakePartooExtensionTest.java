package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * When the extension starts, resets and stops the fake. The sample classes below are run through the JUnit test kit
 * (Surefire skips nested classes), so their lifecycle can be observed from outside.
 */
class FakePartooExtensionTest {

  /** The fakes the samples saw, in order; cleared before each run. */
  static final List<FakePartoo> SEEN = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetSamples() {
    SEEN.clear();
  }

  private static void runAndExpectSuccesses(Class<?> sample, int tests) {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute()
        .testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  private static boolean listening(FakePartoo fake) {
    try (Socket socket = new Socket("127.0.0.1", fake.port())) {
      return socket.isConnected();
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void staticFieldSharesOneFakeAcrossTheClassAndStopsItAfterAll() {
    runAndExpectSuccesses(StaticSample.class, 2);

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertThat(listening(SEEN.get(0))).isFalse();
  }

  @Test
  void faultsAndJournalAreClearedBeforeEachTest() {
    runAndExpectSuccesses(ResetSample.class, 2);
  }

  @Test
  void instanceFieldRunsOneFakePerTest() {
    runAndExpectSuccesses(InstanceSample.class, 2);

    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertThat(SEEN).noneMatch(FakePartooExtensionTest::listening);
  }

  @Test
  void nestedClassesUseTheEnclosingClassesFakeWithoutStoppingIt() {
    runAndExpectSuccesses(NestingSample.class, 3);

    assertThat(SEEN).hasSize(3).containsOnly(SEEN.get(0));
    assertThat(listening(SEEN.get(0))).isFalse();
  }

  @Test
  void usingABuilderRunsWhatItDeclares() {
    runAndExpectSuccesses(CustomSample.class, 1);
  }

  @Test
  void accessorsBeforeTheFakeRunsFailWithAHint() {
    FakePartooExtension notStarted = FakePartooExtension.withDefaults();

    assertThatThrownBy(notStarted::baseUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }

  @Test
  void aFailingSampleIsSeenAsFailedSoTheChecksAboveMeanSomething() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingSample.class)).execute()
        .testEvents().assertStatistics(stats -> stats.started(1).failed(1));
  }

  static class StaticSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void first() {
      SEEN.add(PARTOO.fake());
    }

    @Test
    void second() {
      SEEN.add(PARTOO.fake());
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ResetSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    @Order(1)
    void leavesFaultsAndRequestsBehind() {
      new PartooHttp(PARTOO).get("/anything", null);
      PARTOO.faults().serviceUnavailable(3).delay(Duration.ofSeconds(10));
      assertThat(PARTOO.journal().total()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void startsClean() {
      assertThat(PARTOO.faults().pending()).isZero();
      assertThat(PARTOO.journal().total()).isZero();
      assertThat(new PartooHttp(PARTOO).newToken()).isNotBlank();
    }
  }

  static class InstanceSample {
    @RegisterExtension
    final FakePartooExtension partoo = FakePartooExtension.withDefaults();

    @Test
    void first() {
      SEEN.add(partoo.fake());
    }

    @Test
    void second() {
      SEEN.add(partoo.fake());
    }
  }

  static class NestingSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void outer() {
      SEEN.add(PARTOO.fake());
    }

    @Nested
    class Inner {
      @Test
      void inner() {
        SEEN.add(PARTOO.fake());
      }

      @Nested
      class Innermost {
        @Test
        void innermost() {
          SEEN.add(PARTOO.fake());
          assertThat(listening(PARTOO.fake())).isTrue();
        }
      }
    }
  }

  static class CustomSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder()
        .user("boss", Role.ORG_ADMIN)
        .user("worker", Role.BUSINESS_MANAGER)
        .apiKey("custom-key", "boss", "worker"));

    @Test
    void servesTheDeclaredUsers() {
      PartooHttp http = new PartooHttp(PARTOO);
      assertThat(http.generate("custom-key", "{\"user_id\": \"worker\"}").statusCode()).isEqualTo(200);
      assertThat(http.generate(DefaultFixture.API_KEY, "{\"user_id\": \"worker\"}").statusCode()).isEqualTo(401);
    }
  }

  static class FailingSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void fails() {
      assertThat(PARTOO.journal().total()).isEqualTo(1);
    }
  }

  @Test
  void defaultFixtureAccessorsNameUsersTheFakeTreatsAsDocumented() {
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      PartooHttp http = new PartooHttp(fake);
      FakePartooExtension names = FakePartooExtension.withDefaults();
      String key = names.apiKey();

      assertThat(http.generate(key, "{\"user_id\": \"" + names.userId() + "\"}").statusCode()).isEqualTo(200);
      assertThat(http.generate(key, "{\"user_id\": \"" + names.providerUserId() + "\"}").statusCode()).isEqualTo(403);
      assertThat(http.generate(key, "{\"user_id\": \"" + names.noAccessUserId() + "\"}").statusCode()).isEqualTo(403);
      String token = http.newToken();
      assertThat(PartooHttp.json(http.check(key, names.userId(), token)).get("generated_by").asText())
          .isEqualTo(names.ownerUserId());
    }
  }
}
