package dev.fidelius.operator.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests the real servers they declare as parameters ({@link
 * KubeApiServer}, {@link MotoServer}). Each server starts on first use, is shared by every test
 * class of the JVM, and is stopped when the test run ends (JUnit closes root-store resources), or
 * by a shutdown hook if the JVM dies first, so no child process outlives the run.
 */
public final class TestServers implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(TestServers.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubeApiServer.class || type == MotoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == KubeApiServer.class) {
      return shared(context, KubeApiServer.class, KubeApiServer::start);
    }
    return shared(context, MotoServer.class, MotoServer::start);
  }

  private static <T extends AutoCloseable> T shared(
      ExtensionContext context, Class<T> type, Supplier<T> starter) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Holder<?> holder =
        store.getOrComputeIfAbsent(type, k -> new Holder<>(starter.get()), Holder.class);
    return type.cast(holder.server);
  }

  /** Closes a server at the end of the run, or at JVM exit, whichever comes first. */
  private static final class Holder<T extends AutoCloseable>
      implements ExtensionContext.Store.CloseableResource {
    private final T server;
    private final Thread hook;

    Holder(T server) {
      this.server = server;
      this.hook = new Thread(this::closeQuietly, "stop-" + server.getClass().getSimpleName());
      Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it closes the server.
        return;
      }
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("could not stop " + server.getClass().getSimpleName() + ": " + e);
      }
    }
  }
}
