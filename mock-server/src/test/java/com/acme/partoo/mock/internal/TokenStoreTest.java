package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store forgets what expired long enough ago, so a long run holds only recent tokens. */
class TokenStoreTest {

  private static final Duration RETENTION = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger serial = new AtomicInteger();
  private final TokenStore store = new TokenStore(clock, () -> "t" + serial.incrementAndGet(), RETENTION);

  @Test
  void manyShortLivedTokensLeaveNothingBehindOnceTheirRetentionHasPassed() {
    for (int i = 0; i < 10_000; i++) {
      store.issue("u1", "admin", Duration.ofSeconds(1 + i % 60));
    }
    assertThat(store.size()).isEqualTo(10_000);

    clock.advance(Duration.ofSeconds(60).plus(RETENTION));

    assertThat(store.size()).isZero();
  }

  @Test
  void onlyTokensExpiredForTheWholeRetentionAreForgotten() {
    IssuedToken shortLived = store.issue("u1", "admin", Duration.ofSeconds(60));
    IssuedToken longLived = store.issue("u1", "admin", Duration.ofHours(1));
    store.consume(shortLived.token());

    clock.advance(Duration.ofSeconds(60).plus(RETENTION));

    assertThat(store.find("u1", shortLived.token())).isEmpty();
    assertThat(store.consume(shortLived.token())).isEmpty();
    assertThat(store.find("u1", longLived.token())).map(token -> token.status(store.now()))
        .contains(TokenStatus.VALID);
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void zeroRetentionForgetsATokenTheMomentItExpires() {
    TokenStore forgetful = new TokenStore(clock, () -> "t" + serial.incrementAndGet(), Duration.ZERO);
    IssuedToken issued = forgetful.issue("u1", "admin", Duration.ofSeconds(60));

    clock.advance(Duration.ofSeconds(60).minusNanos(1_000));
    assertThat(forgetful.find("u1", issued.token())).isPresent();
    clock.advance(Duration.ofNanos(1_000));

    assertThat(forgetful.find("u1", issued.token())).isEmpty();
  }

  @Test
  void aForgottenTokenTextMayBeIssuedAgain() {
    TokenStore repetitive = new TokenStore(clock, () -> "same", RETENTION);
    repetitive.issue("u1", "admin", Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(60).plus(RETENTION));

    IssuedToken again = repetitive.issue("u2", "admin", Duration.ofSeconds(60));

    assertThat(repetitive.find("u2", "same")).contains(again);
  }
}
