/** The baseline: a bare JVM start that prints one line. */
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
