package com.acme.partoo.cli;

import com.acme.partoo.tokens.PartooClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code revoke --user-id ID --token TOKEN}: make a still-valid token unusable. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke a token that is still valid, so it can no longer log anyone in.")
final class RevokeCommand implements Callable<Integer> {

  @ParentCommand
  PartooTokenCli cli;

  @Mixin
  ConnectionOptions connection;

  @Mixin
  TokenOptions target;

  @Override
  public Integer call() {
    try (PartooClient client = cli.client(connection)) {
      client.connectionTokens().revoke(target.userId, target.token);
      cli.out.println("revoked");
      return ExitCodes.OK;
    }
  }
}
