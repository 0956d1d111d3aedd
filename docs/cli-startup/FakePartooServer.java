import com.acme.partoo.mock.FakePartoo;

/** The fake Partoo (default fixture) as a process, for start-up measurements: prints its base URL, runs until killed. */
public class FakePartooServer {
  public static void main(String[] args) throws InterruptedException {
    FakePartoo fake = FakePartoo.withDefaults();
    System.out.println(fake.baseUrl());
    Thread.sleep(Long.MAX_VALUE);
  }
}
