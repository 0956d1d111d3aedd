package com.acme.partoo.mock.internal;

/** Masks credentials for anything that might be printed. */
final class Secrets {

  private static final int SHOWN = 4;

  private Secrets() {}

  /** The first four characters and an ellipsis: enough to tell tokens apart, too little to use one. */
  static String mask(String secret) {
    return secret.length() <= SHOWN * 2 ? "…" : secret.substring(0, SHOWN) + "…";
  }
}
