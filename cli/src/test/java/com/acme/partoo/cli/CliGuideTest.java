package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/cli.md against the CLI itself: its commands run in-process ({@link GuideShell}), in order and with the same
 * arguments, against the fake Partoo, and print what the guide shows; its tables name exactly the CLI's flags (per
 * command), every variable its help lists, and exactly its exit codes.
 */
class CliGuideTest {

  private static final String GUIDE = "docs/cli.md";
  private static final String COMMANDS = "## Generate, check, revoke";
  private static final String FLAGS = "## Flags and environment";
  private static final String EXIT_CODES = "## Output and exit codes";
  private static final String USER = "5c3f8a1e";
  private static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";
  /** The commands whose flags the table's "(all)" means: those that call Partoo. */
  private static final List<String> CALLING_PARTOO = List.of("generate", "check", "revoke");
  private static final List<String> COMMANDS_OF_THE_CLI = List.of("generate", "check", "revoke", "demo", "help");
  /** picocli's option lines: a short option at column 2, or a long option alone at column 6. */
  private static final Pattern HELP_OPTION = Pattern.compile("(?m)^  (-\\w), (--[\\w-]+)|^ {6}(--[\\w-]+)");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)");
  /** A row's "(generate, check)": the commands that take its flags; "(all)" for {@link #CALLING_PARTOO}. */
  private static final Pattern COMMANDS_IN_ROW = Pattern.compile("\\(([a-z, ]+)\\)");

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theCommandsRunAsShownAndPrintWhatTheGuideShows() throws IOException {
    // Not the guide's, whose commands go to production (the login URL keeps production's app, as shown):
    Cli cli = Cli.withoutEnvironment().env(PartooTokenCli.BASE_URL_ENV, PARTOO.baseUrl());
    GuideShell shell = new GuideShell(GuideShell.block(GUIDE, COMMANDS, "sh"), cli)
        .replace(USER, PARTOO.userId())
        .secret(PartooTokenCli.API_KEY_ENV, PARTOO.apiKey());
    Map<String, Cli.Result> results = new TreeMap<>();

    shell.run((command, result) -> {
      results.put(command.replaceAll("\\s+", " "), result);
      if (command.contains("generate") && command.contains("--json")) {
        // The token the later commands show is the one this generate printed.
        shell.replace(TOKEN, token(result.out()));
      }
    });

    assertThat(results.get("./partoo-token generate --user-id " + USER + " --ttl 5m").out())
        .contains("token:", "expires at:", "ttl:         300 s", "login url:");
    String printed = results.get("./partoo-token generate --user-id " + USER + " --ttl PT1H --json").out();
    assertThat(printed.lines()).as("one line").hasSize(1);
    assertThat(printed.strip()).isEqualTo(shown(printed));
    JsonNode status = json.readTree(results.get("./partoo-token check --user-id " + USER + " --token '" + TOKEN
        + "' --json").out());
    assertThat(status.get("status").asText()).isEqualTo("valid");
    assertThat(status.size()).as("always all six fields").isEqualTo(6);
    assertThat(results).containsKey("./partoo-token revoke --user-id " + USER + " --token '" + TOKEN + "'");
    assertThat(results.get("./partoo-token --help").out()).startsWith("Usage: partoo-token");
    assertThat(PARTOO.journal().count(Endpoint.REVOKE_TOKEN)).isEqualTo(1);
  }

  @Test
  void everyFlagOfTheCliIsInTheTableForTheCommandsThatHaveIt() {
    // Each flag of the table, with the commands its row names: none named, none checked (every command, the root's).
    Map<String, Set<String>> commandsByFlag = new TreeMap<>();
    for (String[] row : rows(FLAGS, "flag")) {
      Matcher commands = COMMANDS_IN_ROW.matcher(row[0]);
      boolean named = commands.find();
      Set<String> takenBy = named ? commandsNamed(commands.group(1)) : Set.of();
      Matcher flag = OPTION.matcher(named ? row[0].substring(0, commands.start()) : row[0]);
      while (flag.find()) {
        commandsByFlag.put(flag.group(1), takenBy);
      }
    }
    Map<String, Set<String>> cliFlags = new TreeMap<>();
    helpOptions("--help").forEach(flag -> cliFlags.put(flag, new TreeSet<>()));
    for (String command : COMMANDS_OF_THE_CLI) {
      for (String flag : helpOptions(command, "--help")) {
        cliFlags.computeIfAbsent(flag, f -> new TreeSet<>()).add(command);
      }
    }

    assertThat(commandsByFlag.keySet()).as("the flags of the guide's table, and the CLI's")
        .isEqualTo(cliFlags.keySet());
    commandsByFlag.forEach((flag, commands) -> {
      if (!commands.isEmpty()) {
        assertThat(cliFlags.get(flag)).as("the commands that take %s", flag).isEqualTo(commands);
      }
    });
  }

  @Test
  void everyVariableTheHelpListsIsInTheTable() {
    String help = Cli.withoutEnvironment().run("--help").out();
    String environment = help.substring(help.indexOf("Environment:"), help.indexOf("Exit codes:"));
    Set<String> variables = new TreeSet<>();
    Matcher line = Pattern.compile("(?m)^  (\\S.*?)(?: {2,}.*)?$").matcher(environment);
    while (line.find()) {
      variables.addAll(Arrays.asList(line.group(1).split(", ")));
    }
    Set<String> tabled = new TreeSet<>();
    for (String[] row : rows(FLAGS, "environment variable")) {
      Matcher name = Pattern.compile("`(\\w+)`").matcher(row[0]);
      while (name.find()) {
        tabled.add(name.group(1));
      }
    }

    assertThat(variables).contains("PARTOO_API_KEY", "https_proxy");
    assertThat(tabled).containsAll(variables);
  }

  @Test
  void theExitCodesOfTheTableAreTheClis() throws IllegalAccessException {
    Set<Integer> tabled = new TreeSet<>();
    for (String[] row : rows(EXIT_CODES, "exit code")) {
      tabled.add(Integer.parseInt(row[0].strip()));
    }
    Set<Integer> codes = new TreeSet<>();
    for (Field field : ExitCodes.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        field.setAccessible(true);
        codes.add(field.getInt(null));
      }
    }

    assertThat(tabled).isEqualTo(codes).hasSize(11);
  }

  /** The guide's JSON example, with what only this run can know (the token, its expiry) taken from {@code printed}. */
  private String shown(String printed) throws IOException {
    String example = GuideShell.block(GUIDE, COMMANDS, "json").strip();
    JsonNode actual = json.readTree(printed);
    String token = actual.get("token").asText();
    return example
        .replace(json.writeValueAsString(TOKEN), json.writeValueAsString(token))
        .replace(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), URLEncoder.encode(token, StandardCharsets.UTF_8))
        .replace(json.readTree(example).get("expiration_date").asText(), actual.get("expiration_date").asText());
  }

  private String token(String printed) {
    try {
      return json.readTree(printed).get("token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> commandsNamed(String list) {
    Set<String> commands = new TreeSet<>();
    for (String name : list.split(",\\s*")) {
      if (name.equals("all")) {
        commands.addAll(CALLING_PARTOO);
      } else {
        commands.add(name);
      }
    }
    return commands;
  }

  /** The options the help that {@code partoo-token ARGS} prints lists. */
  private static Set<String> helpOptions(String... args) {
    Set<String> options = new TreeSet<>();
    Matcher option = HELP_OPTION.matcher(Cli.withoutEnvironment().run(args).out());
    while (option.find()) {
      for (int group = 1; group <= 3; group++) {
        if (option.group(group) != null) {
          options.add(option.group(group));
        }
      }
    }
    return options;
  }

  /** The cells of the table whose header starts with {@code firstHeader}, in section {@code heading}. */
  private static List<String[]> rows(String heading, String firstHeader) {
    String guide = GuideShell.text(GUIDE);
    int section = guide.indexOf("\n" + heading + "\n");
    assertThat(section).as("section %s", heading).isNotNegative();
    int table = guide.indexOf("\n| " + firstHeader, section);
    assertThat(table).as("the table of %s in section %s", firstHeader, heading).isNotNegative();
    List<String[]> rows = new ArrayList<>();
    for (String line : guide.substring(table + 1).lines().takeWhile(line -> line.startsWith("|")).skip(2).toList()) {
      String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
      rows.add(cells);
    }
    assertThat(rows).as("rows of the table of %s", firstHeader).isNotEmpty();
    return rows;
  }
}
