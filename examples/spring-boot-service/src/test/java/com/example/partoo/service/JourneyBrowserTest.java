package com.example.partoo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.util.FileSystemUtils;

/**
 * A user's journey in a real browser: Chromium (Debian's chromium and chromium-driver, which .ci/run installs) through
 * Selenium, or HtmlUnit where no Chromium is installed, which the first line printed says; with {@code CI=true} a
 * missing Chromium fails the test ({@code -Djourney.browser=htmlunit} picks HtmlUnit elsewhere). The service runs on a
 * random port against the fake Partoo on loopback over HTTPS; the browser trusts the fake's test CA for its app page.
 */
@Import(SentRequests.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("browser") // the nested spec-fixture builds leave it out: a vendor bundle changes nothing a browser sees
class JourneyBrowserTest extends AgainstTheFakePartoo {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Bounds each wait for the browser (never asserted as a duration): pages here take milliseconds when idle. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static WebDriver browser;
  private static Path profile;


  @BeforeAll
  static void openTheBrowser() throws IOException {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    // -Djourney.browser=htmlunit runs the HtmlUnit fallback on a machine that has Chromium (never on CI).
    boolean chromium = ci || !"htmlunit".equals(System.getProperty("journey.browser"));
    if (chromium && Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      System.out.println("JourneyBrowserTest: in Chromium (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
      profile = Files.createTempDirectory("journey-chromium-");
      ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
          // Headless, and nothing that reaches for the network: this machine has none but loopback.
          .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--user-data-dir=" + profile,
              // The fake's app page is HTTPS, from a CA it generated at start: Chromium accepts a chain holding that
              // CA's key, and only it (the fake sends its CA with its certificate). Not --ignore-certificate-errors.
              "--ignore-certificate-errors-spki-list=" + spki(PARTOO.fake().certificatePem()));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      browser = new ChromeDriver(service, options);
    } else if (ci) {
      fail("CI=true but no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER + ": .ci/run installs the Debian packages"
          + " chromium and chromium-driver before the build");
    } else {
      System.out.println("JourneyBrowserTest: in HtmlUnit, not a real browser: " + (chromium ? "no Chromium at "
          + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver; CI=true requires them)"
          : "-Djourney.browser=htmlunit"));
      browser = new HtmlUnitDriver(BrowserVersion.CHROME, true) {
        @Override
        protected WebClient modifyWebClient(WebClient client) {
          client.getOptions().setSSLContext(PARTOO.fake().sslContext()); // trusting the fake's CA, and only it
          return client;
        }
      };
    }
  }

  /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI lists take it. */
  private static String spki(String certificatePem) {
    try {
      Certificate certificate = CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(certificate.getPublicKey().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the fake's CA certificate", e);
    }
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      FileSystemUtils.deleteRecursively(new File(profile.toString()));
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
    new WebDriverWait(browser, PATIENCE).until(condition);
  }

  private void onTheBookingsPage() {
    waitFor(ExpectedConditions.textToBe(By.tagName("h1"), "Bookings of alice"));
  }

  private void loggedIntoPartoo() {
    waitFor(ExpectedConditions.urlContains(PARTOO.appBaseUrl() + "/connection?connection_token="));
    waitFor(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "Logged in as " + PARTOO.userId() + "."));
  }

  private static List<RecordedRequest> logins() {
    return PARTOO.journal().requests().stream().filter(request -> request.endpoint() == Endpoint.LOGIN).toList();
  }

  @Test
  void signInOpenPartooTwiceGetATokenInThePageSignOut() {
    // Partoo hangs: any request to it would wait an hour. Signing in and every render must not send one. The fake
    // journals a request once it answers it, so while it hangs the client's own count shows what went out.
    PARTOO.faults().delay(Duration.ofHours(1));
    int sentBefore = sent.count();
    browser.get(url("/bookings"));
    waitFor(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    browser.findElement(By.name("username")).sendKeys("alice");
    browser.findElement(By.name("password")).sendKeys("alice-password");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    onTheBookingsPage();
    browser.navigate().refresh();
    onTheBookingsPage();
    assertThat(sent.count()).as("requests sent to Partoo while pages rendered").isEqualTo(sentBefore);
    PARTOO.faults().clear();
    assertThat(PARTOO.journal().total()).as("requests Partoo answered while pages rendered").isZero();

    // The click mints a token and the browser lands on Partoo, logged in as alice's Partoo user.
    browser.findElement(By.id("open-partoo")).click();
    loggedIntoPartoo();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    assertThat(logins()).singleElement().satisfies(login -> assertThat(login.status()).isEqualTo(200));

    // Back, and again: the page still renders without Partoo, and the second click brings a fresh token that works.
    browser.navigate().back();
    onTheBookingsPage();
    assertThat(sent.count()).as("requests sent to Partoo, one per click").isEqualTo(sentBefore + 1);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    browser.findElement(By.id("open-partoo")).click();
    loggedIntoPartoo();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
    assertThat(logins()).hasSize(2).allSatisfy(login -> assertThat(login.status()).isEqualTo(200));

    // The page embedding Partoo gets its token by POST, with the CSRF token, and never shows it.
    browser.get(url("/partoo-embedded"));
    waitFor(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("partoo-status")), "data-outcome"));
    assertThat(browser.findElement(By.id("partoo-status")).getAttribute("data-outcome")).isEqualTo("issued");
    assertThat(browser.findElement(By.id("partoo-status")).getText()).startsWith("Partoo login ready");
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
    assertThat(browser.getPageSource()).doesNotContain("\\x"); // the fake's tokens start with a backslash and x

    // Signed out, the link leads to the sign-in page and Partoo is asked nothing.
    browser.get(url("/bookings"));
    onTheBookingsPage();
    browser.findElement(By.id("sign-out")).click();
    waitFor(ExpectedConditions.urlContains("/login"));
    browser.get(url("/partoo/login"));
    waitFor(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    assertThat(browser.getCurrentUrl()).isEqualTo(url("/login"));
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
    assertThat(logins()).hasSize(2);
    assertThat(sent.count()).isEqualTo(sentBefore + 3);
  }
}
