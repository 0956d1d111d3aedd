package com.acme.partoo.cli;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code generate --user-id ID [--ttl T] [--json]}: a new single-use token and its login URL. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a single-use connection token for a user, and its login URL.")
final class GenerateCommand implements Callable<Integer> {

  @ParentCommand
  PartooTokenCli cli;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--user-id", required = true, paramLabel = "ID", description = "The Partoo user to log in.")
  String userId;

  @Option(names = "--ttl", paramLabel = "TTL", converter = Durations.class,
      description = "Time to live: 3600, PT1H, 90s, 30m, 1h, 1d; at most 1d (default: Partoo's, 1 day).")
  @Nullable Duration ttl;

  @Option(names = "--json", description = "Print one JSON object: token, expiration_date, ttl_seconds, login_url.")
  boolean json;

  @Override
  public Integer call() {
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new UsageException("--ttl must be positive, was " + ttl + " (nothing was sent)");
    }
    try (PartooClient client = cli.client(connection)) {
      ConnectionTokens tokens = client.connectionTokens();
      ConnectionToken token = tokens.generate(userId, ttl);
      Output.token(cli.out, token, tokens.loginUrl(token.token()), json);
      return ExitCodes.OK;
    }
  }
}
