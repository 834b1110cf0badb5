package dev.fidelius.operator.access;

import java.util.Map;

/**
 * Who asks to use a store: a FideliusSecret's namespace (with that namespace's labels, for
 * selectors) and the application and SDLC whose secrets it wants.
 *
 * @param namespaceLabels the labels of the namespace; null counts as none
 */
public record AccessRequest(
    String namespace, Map<String, String> namespaceLabels, String application, String sdlc) {

  public AccessRequest {
    namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
  }
}
