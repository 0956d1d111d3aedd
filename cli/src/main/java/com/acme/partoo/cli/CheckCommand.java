package com.acme.partoo.cli;

import com.acme.partoo.tokens.PartooClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code check --user-id ID --token TOKEN [--json]}: what became of a token. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Show a token's status (valid, consumed, revoked, expired) and dates.")
final class CheckCommand implements Callable<Integer> {

  @ParentCommand
  PartooTokenCli cli;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--user-id", required = true, paramLabel = "ID", description = "The user the token was made for.")
  String userId;

  @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The connection token.")
  String token;

  @Option(names = "--json", description = "Print Partoo's fields as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    try (PartooClient client = cli.client(connection)) {
      Output.status(cli.out, client.connectionTokens().check(userId, token), json);
      return ExitCodes.OK;
    }
  }
}
