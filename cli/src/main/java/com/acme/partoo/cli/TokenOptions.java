package com.acme.partoo.cli;

import picocli.CommandLine.Option;

/** The token a command acts on, and the user it was made for; shared by {@code check} and {@code revoke}. */
final class TokenOptions {

  @Option(names = "--user-id", required = true, paramLabel = "ID", description = "The user the token was made for.")
  String userId;

  @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The connection token.")
  String token;
}
