package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"3600, PT1H", "0, PT0S", "PT1H, PT1H", "pt1h30m, PT1H30M", "P1D, PT24H", "90s, PT1M30S", "30m, PT30M",
      "1h, PT1H", "1d, PT24H", "1D, PT24H", "500ms, PT0.5S", "' 15 ', PT15S"})
  void readsSecondsIsoAndShorthand(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "soon", "1.5h", "-5", "1w", "h", "1 h", "P", "PT", "1h30m", "9999999999999"})
  void refusesAnythingElseNamingTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration: use whole seconds (3600), ISO-8601 (PT1H) or 90s, 30m, 1h, 1d");
  }
}
