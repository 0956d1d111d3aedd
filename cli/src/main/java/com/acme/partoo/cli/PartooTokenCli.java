package com.acme.partoo.cli;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooEnvironment;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.TransportConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code partoo-token}: generate, check and revoke Partoo connection tokens, and a demo on the fake Partoo. Exit codes
 * follow the CLI contract (0 ok, 2 usage, 3–9 per failure kind, 10 this machine's TLS or proxy configuration, 1
 * anything else); errors are one line on stderr.
 */
@Command(
    name = "partoo-token",
    mixinStandardHelpOptions = true,
    versionProvider = PartooTokenCli.Version.class,
    description = "Partoo connection tokens from a shell. The API key comes from $PARTOO_API_KEY.",
    footer = {"",
        "Environment:",
        "  PARTOO_API_KEY    the API key (required by generate, check and revoke)",
        "  PARTOO_BASE_URL   API base URL (default: the bundle's production server)",
        "  PARTOO_APP_URL    web app base URL for login URLs (default: the environment's)",
        "  PARTOO_PROXY_USER, PARTOO_PROXY_PASSWORD",
        "                    credentials for the HTTP proxy (--proxy, or https_proxy)",
        "  https_proxy, no_proxy",
        "                    the proxy without --proxy, and the hosts it skips",
        "",
        "Exit codes:",
        "  0  ok",
        "  2  usage or invalid input (nothing was sent)",
        "  3  authentication refused (401)",
        "  4  permission denied (403)",
        "  5  not found (404)",
        "  6  request rejected (400)",
        "  7  Partoo unavailable or rate limited, after retries (429, 5xx)",
        "  8  no answer (connection refused or reset, timeout)",
        "  9  unexpected or malformed answer",
        "  10 this machine's TLS or proxy configuration (--cacert, --proxy): not retried",
        "  1  anything else"})
public final class PartooTokenCli implements Runnable {

  static final String API_KEY_ENV = "PARTOO_API_KEY";
  static final String BASE_URL_ENV = "PARTOO_BASE_URL";
  static final String APP_URL_ENV = "PARTOO_APP_URL";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

  @Spec
  CommandSpec spec;

  @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
      description = "Show debug logs, and a stack trace on failure.")
  boolean verbose;

  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;
  private final Consumer<PartooClient.Builder> customizer;

  PartooTokenCli(Map<String, String> env, PrintWriter out, PrintWriter err, Consumer<PartooClient.Builder> customizer) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.customizer = customizer;
  }

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    if (hasVerboseFlag(args)) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    System.exit(execute(args, System.getenv(), out, err, builder -> {}));
  }

  /** Runs one command line; the seam tests use (in-process, with their own environment and builder settings). */
  static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err,
      Consumer<PartooClient.Builder> customizer) {
    PartooTokenCli cli = new PartooTokenCli(env, out, err, customizer);
    CommandLine commandLine = withSubcommands(new CommandLine(cli), args)
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler((e, args1) -> {
          // One line, like every other failure: scripts read stderr's last line.
          err.println("partoo-token: " + oneLine(e.getMessage()) + " (see 'partoo-token "
              + commandPath(e.getCommandLine()) + "--help')");
          return ExitCodes.USAGE;
        })
        .setExecutionExceptionHandler((e, commandLine1, parseResult) -> {
          err.println("partoo-token: " + oneLine(e.getMessage()) + advice(e));
          if (cli.verbose) {
            e.printStackTrace(err);
          }
          return ExitCodes.of(e);
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Registers the subcommands, in help order. picocli builds a command's model from its annotations by reflection
   * when it is registered, a third of a {@code generate}'s start-up for all five, so when the command line names one
   * (the first argument not starting with '-': the root's options take no value) only that one is registered; a root
   * {@code --help}, {@code help}, an unknown name or none gets them all, for the listing and the error message.
   */
  private static CommandLine withSubcommands(CommandLine root, String[] args) {
    List<String> names = List.of("generate", "check", "revoke", "demo", "help");
    String named = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        named = arg;
        break;
      }
    }
    boolean onlyNamed = named != null && !named.equals("help") && names.contains(named);
    for (String name : names) {
      if (!onlyNamed || name.equals(named)) {
        root.addSubcommand(name, newCommand(name));
      }
    }
    return root;
  }

  // A switch, not a map of constructor references: Java 25's AOT cache assembly crashes on a lambda that links to
  // picocli's Java 5 classes (HelpCommand::new), see docs/cli-startup.md.
  private static Object newCommand(String name) {
    return switch (name) {
      case "generate" -> new GenerateCommand();
      case "check" -> new CheckCommand();
      case "revoke" -> new RevokeCommand();
      case "demo" -> new DemoCommand();
      default -> new CommandLine.HelpCommand();
    };
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: generate, check, revoke"
        + " or demo");
  }

  /**
   * A client for {@code options}: key from the environment, base URL from the flags or the environment.
   *
   * @throws UsageException when the key is missing or a setting is refused; nothing is sent
   */
  PartooClient client(ConnectionOptions options) {
    options.validate();
    String apiKey = env.get(API_KEY_ENV);
    if (apiKey == null || apiKey.isBlank()) {
      throw new UsageException(API_KEY_ENV + " is not set: export the Partoo API key first (nothing was sent)");
    }
    if (options.sandbox && options.baseUrl != null) {
      throw new UsageException("--sandbox and --base-url cannot be used together");
    }
    try {
      PartooClient.Builder builder = PartooClient.builder()
          .apiKey(apiKey)
          .userAgentSuffix("partoo-token-cli/" + Version.VERSION);
      String baseUrl = options.baseUrl != null ? options.baseUrl : blankToNull(env.get(BASE_URL_ENV));
      if (options.sandbox) {
        builder.environment(PartooEnvironment.SANDBOX);
      } else if (baseUrl != null) {
        builder.baseUrl(baseUrl);
      }
      // baseUrl(...) has accepted it: a URI.
      TransportSettings.apply(options, env, options.sandbox ? PartooEnvironment.SANDBOX.apiBaseUrl()
          : baseUrl != null ? URI.create(baseUrl.strip()) : PartooEnvironment.PRODUCTION.apiBaseUrl(), builder);
      String appUrl = options.appUrl != null ? options.appUrl : blankToNull(env.get(APP_URL_ENV));
      if (appUrl != null) {
        builder.appBaseUrl(appUrl);
      }
      if (options.timeout != null) {
        builder.deadline(options.timeout)
            .connectTimeout(min(DEFAULT_CONNECT_TIMEOUT, options.timeout))
            .readTimeout(min(DEFAULT_READ_TIMEOUT, options.timeout));
      }
      if (options.maxAttempts != null) {
        builder.retryPolicy(RetryPolicy.defaults().toBuilder().maxAttempts(options.maxAttempts).build());
      }
      customizer.accept(builder);
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /**
   * What to change on the CLI's command line, after a TLS or proxy failure whose message names the library's
   * settings; nothing for other failures.
   */
  private static String advice(Exception e) {
    if (!(e instanceof TransportConfigurationException failure)) {
      return "";
    }
    if (failure.kind() == FailureKind.PROXY) {
      return " With partoo-token: --proxy (or https_proxy) sets the proxy, " + TransportSettings.PROXY_USER_ENV
          + " and " + TransportSettings.PROXY_PASSWORD_ENV + " its credentials.";
    }
    if (failure.getCause() instanceof SSLPeerUnverifiedException) {
      return " With partoo-token: check --base-url (or " + BASE_URL_ENV + ").";
    }
    return " With partoo-token: --cacert FILE trusts the CA certificates of a PEM file instead of the JVM's, or give"
        + " the JVM a trust store in JAVA_OPTS (-Djavax.net.ssl.trustStore=...).";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean hasVerboseFlag(String[] args) {
    for (String arg : args) {
      if (arg.equals("-v") || arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String commandPath(CommandLine commandLine) {
    String name = commandLine.getCommandName();
    return commandLine.getParent() == null ? "" : name + " ";
  }

  private static String oneLine(@Nullable String message) {
    return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  /** The CLI's version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    static final String VERSION = read();

    @Override
    public String[] getVersion() {
      return new String[] {"partoo-token " + VERSION};
    }

    private static String read() {
      try (InputStream in = PartooTokenCli.class.getResourceAsStream("version.properties")) {
        Properties properties = new Properties();
        if (in != null) {
          properties.load(in);
        }
        return properties.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
