import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sequential generate_token calls on one keep-alive connection to an in-process fake Partoo; prints the median and
 * percentiles of the per-request time. Usage: KeepAliveLatency okhttp|jdk REQUESTS (after 100 warm-up requests).
 */
public class KeepAliveLatency {

  interface Call {
    int send() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String client = args[0];
    int requests = Integer.parseInt(args[1]);
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      String url = fake.baseUrl() + "/connection/generate_token";
      String body = "{\"user_id\": \"" + DefaultFixture.USER_ID + "\", \"ttl\": 60}";
      Call call = client.equals("okhttp") ? okHttp(url, body) : jdk(url, body);
      for (int i = 0; i < 100; i++) {
        call.send();
      }
      long[] nanos = new long[requests];
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        int status = call.send();
        nanos[i] = System.nanoTime() - start;
        if (status != 200) {
          throw new IllegalStateException("answered " + status);
        }
      }
      Arrays.sort(nanos);
      System.out.printf("%s java=%s sun.net.httpserver.nodelay=%s requests=%d median=%.0fus p90=%.0fus p99=%.0fus%n",
          client, System.getProperty("java.version"), System.getProperty("sun.net.httpserver.nodelay"), requests,
          nanos[requests / 2] / 1e3, nanos[requests * 9 / 10] / 1e3, nanos[requests * 99 / 100] / 1e3);
    }
    System.exit(0); // OkHttp's pool threads would keep the JVM a minute longer
  }

  private static Call okHttp(String url, String body) {
    OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Request request = new Request.Builder().url(url).header("x-APIKey", DefaultFixture.API_KEY)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    return () -> {
      try (Response response = client.newCall(request).execute()) {
        response.body().string();
        return response.code();
      }
    };
  }

  private static Call jdk(String url, String body) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("x-APIKey", DefaultFixture.API_KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return () -> client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
