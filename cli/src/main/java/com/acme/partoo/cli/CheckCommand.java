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

  @Mixin
  TokenOptions target;

  @Option(names = "--json", description = "Print Partoo's fields as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    try (PartooClient client = cli.client(connection)) {
      Output.status(cli.out, client.connectionTokens().check(target.userId, target.token), json);
      return ExitCodes.OK;
    }
  }
}
