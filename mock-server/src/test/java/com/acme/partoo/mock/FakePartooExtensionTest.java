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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
    runAndExpectSuccesses(CustomSample.class, 2);
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

    @Test
    void fixtureAccessorsSayTheFixtureIsNotDeclared() {
      assertThatThrownBy(PARTOO::apiKey).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("apiKey() names the default fixture, which the fake Partoo of this extension does not "
              + "declare");
      assertThatThrownBy(PARTOO::userId).isInstanceOf(IllegalStateException.class);
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
    runAndExpectSuccesses(FixtureSample.class, 1);
  }

  @Test
  void fixtureAccessorsOfABuilderWithoutTheDefaultFixtureRefuseToNameWhatTheFakeLacks() {
    runAndExpectSuccesses(NoFixtureSample.class, 1);
  }

  @Test
  void fixtureAccessorsOfABuilderThatAddsTheDefaultFixtureNameIt() {
    runAndExpectSuccesses(FixtureAndMoreSample.class, 1);
  }

  static class FixtureSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void accessorsWork() {
      PartooHttp http = new PartooHttp(PARTOO);
      String key = PARTOO.apiKey();

      assertThat(http.generate(key, "{\"user_id\": \"" + PARTOO.userId() + "\"}").statusCode()).isEqualTo(200);
      assertThat(http.generate(key, "{\"user_id\": \"" + PARTOO.providerUserId() + "\"}").statusCode()).isEqualTo(403);
      assertThat(http.generate(key, "{\"user_id\": \"" + PARTOO.noAccessUserId() + "\"}").statusCode()).isEqualTo(403);
      String token = PartooHttp.json(http.generate(key, "{\"user_id\": \"" + PARTOO.userId() + "\"}"))
          .get("token").asText();
      assertThat(PartooHttp.json(http.check(key, PARTOO.userId(), token)).get("generated_by").asText())
          .isEqualTo(PARTOO.ownerUserId());
    }
  }

  static class NoFixtureSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder()
        .user(DefaultFixture.OWNER_USER_ID, Role.ORG_ADMIN)
        .user(DefaultFixture.USER_ID, Role.BUSINESS_MANAGER)
        .apiKey(DefaultFixture.API_KEY, DefaultFixture.OWNER_USER_ID, DefaultFixture.USER_ID));

    @Test
    void halfTheFixtureIsNotTheFixture() {
      List<ThrowingCallable> accessors = List.of(PARTOO::apiKey, PARTOO::userId, PARTOO::providerUserId,
          PARTOO::noAccessUserId, PARTOO::ownerUserId);
      for (ThrowingCallable accessor : accessors) {
        assertThatThrownBy(accessor).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("does not declare").hasMessageContaining("defaultFixture()");
      }
    }
  }

  static class FixtureAndMoreSample {
    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder()
        .user("extra", Role.GROUP_MANAGER).defaultFixture().apiKey("extra-key", "extra", "extra").clock(CLOCK));

    @Test
    void accessorsNameTheFixtureAndTheKeysWork() {
      assertThat(List.of(PARTOO.userId(), PARTOO.providerUserId(), PARTOO.noAccessUserId(), PARTOO.ownerUserId()))
          .containsExactly(DefaultFixture.USER_ID, DefaultFixture.PROVIDER_USER_ID, DefaultFixture.NO_ACCESS_USER_ID,
              DefaultFixture.OWNER_USER_ID);
      PartooHttp http = new PartooHttp(PARTOO);
      assertThat(http.generate(PARTOO.apiKey(), "{\"user_id\": \"" + PARTOO.userId() + "\"}").statusCode())
          .isEqualTo(200);
      assertThat(http.generate(PARTOO.apiKey("extra-key"), "{\"user_id\": \"extra\"}").statusCode()).isEqualTo(200);
    }
  }
}
