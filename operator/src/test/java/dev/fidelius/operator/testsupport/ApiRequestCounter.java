package dev.fidelius.operator.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every HTTP request a Kubernetes client sends to the API server, as the client's own interceptor
 * sees it just before sending: method and path. A client built by {@link #client(Config)} is the
 * operator's only connection to the API server, so this is all it asked for.
 */
public final class ApiRequestCounter implements Interceptor {

  /** One request: method, path without the query, and whether it opened a watch. */
  public record Request(String method, String path, boolean watch) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** A client whose every request is recorded here. */
  public KubernetesClient client(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("request-counter", this))
        .build();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String query = request.uri().getRawQuery();
    requests.add(
        new Request(
            request.method(),
            request.uri().getPath(),
            query != null && query.contains("watch=true")));
  }

  /** Requests recorded so far that match. */
  public long count(Predicate<Request> which) {
    return requests.stream().filter(which).count();
  }

  /** Requests recorded so far, for failure messages. */
  public List<Request> matching(Predicate<Request> which) {
    return requests.stream().filter(which).toList();
  }

  public void reset() {
    requests.clear();
  }
}
