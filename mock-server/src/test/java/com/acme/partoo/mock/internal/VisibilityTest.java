package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The internal package shows the public one only its entry point, what the builder hands it, a test's share for the
 * JUnit extension, and the fake proxy's machinery.
 */
class VisibilityTest {

  @Test
  void onlyTheFakeServerApiKeyGrantTestScopeAndTunnelProxyArePublic() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(FakeServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(FakeServer.class.getPackageName().replace('.', '/'));
    List<String> names;
    try (Stream<Path> files = Files.list(classes)) {
      names = files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .collect(Collectors.toList());
    }
    assertThat(names).contains("Dispatcher", "TokenStore", "LoopbackServer");

    List<String> publicOnes = new ArrayList<>();
    for (String name : names) {
      if (Modifier.isPublic(Class.forName(FakeServer.class.getPackageName() + "." + name).getModifiers())) {
        publicOnes.add(name);
      }
    }

    assertThat(publicOnes).containsExactlyInAnyOrder("FakeServer", "ApiKeyGrant", "TestScope", "TunnelProxy");
  }
}
