package com.acme.partoo.cli;

import com.acme.partoo.tokens.PartooClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code revoke --user-id ID --token TOKEN}: make a still-valid token unusable. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke a token that is still valid, so it can no longer log anyone in.")
final class RevokeCommand implements Callable<Integer> {

  @ParentCommand
  PartooTokenCli cli;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--user-id", required = true, paramLabel = "ID", description = "The user the token was made for.")
  String userId;

  @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The connection token.")
  String token;

  @Override
  public Integer call() {
    try (PartooClient client = cli.client(connection)) {
      client.connectionTokens().revoke(userId, token);
      cli.out.println("revoked");
      return ExitCodes.OK;
    }
  }
}
