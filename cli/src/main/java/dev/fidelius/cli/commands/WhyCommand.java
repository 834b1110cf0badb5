package dev.fidelius.cli.commands;

import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.cluster.ClusterCommand;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.cli.output.OutputFormat;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.operator.access.AccessDecision;
import dev.fidelius.operator.access.AccessRequest;
import dev.fidelius.operator.access.AccessRules;
import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.api.StoreRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "why",
    mixinStandardHelpOptions = true,
    description = {
      "Why a FideliusSecret is (not) synced.",
      "Shows its Ready condition, its recent Events, and whether its store's access rules admit it"
          + " (deny rules first: a refusal names the access.deny rule that matched)."
    })
public final class WhyCommand extends ClusterCommand {

  private static final int MAX_EVENTS = 10;

  @Parameters(paramLabel = "NAME", description = "The FideliusSecret.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: the context's).")
  String namespace;

  @Override
  protected int run(Kube kube) {
    String ns = namespace != null ? namespace : kube.namespace();
    FideliusSecret secret = secret(kube, ns, name);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("name", ns + "/" + name);
    Condition ready = ready(secret).orElse(null);
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("status", ready == null ? "Unknown" : ready.getStatus());
    condition.put("reason", ready == null ? "NotReconciled" : ready.getReason());
    condition.put(
        "message", ready == null ? "the operator has not reported on it yet" : ready.getMessage());
    condition.put("since", ready == null ? null : ready.getLastTransitionTime());
    report.put("ready", condition);
    report.put("access", access(kube, secret, ns));
    report.put("events", events(kube, ns));
    if (output.format() == OutputFormat.TABLE) {
      printText(report);
    } else {
      Rows.printObject(report, output.format(), out());
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> access(Kube kube, FideliusSecret secret, String ns) {
    Map<String, Object> access = new LinkedHashMap<>();
    StoreRef ref = secret.getSpec() == null ? null : secret.getSpec().getStoreRef();
    if (ref == null || ref.getName() == null) {
      access.put("admitted", false);
      access.put("message", "spec.storeRef names no store");
      return access;
    }
    Namespace namespaceObject =
        kube.call("reading namespace " + ns, () -> kube.client().namespaces().withName(ns).get());
    AccessRequest request =
        new AccessRequest(
            ns,
            namespaceObject == null ? null : namespaceObject.getMetadata().getLabels(),
            secret.getSpec().getApplication(),
            secret.getSpec().getSdlc());
    AccessDecision decision;
    if (ref.getKind() == StoreKind.FideliusStore) {
      FideliusStore store =
          kube.call(
              "reading FideliusStore " + ns + "/" + ref.getName(),
              () ->
                  kube.client()
                      .resources(FideliusStore.class)
                      .inNamespace(ns)
                      .withName(ref.getName())
                      .get());
      decision =
          store == null
              ? AccessDecision.deny(
                  "FideliusStore \"" + ns + "/" + ref.getName() + "\" does not exist")
              : AccessRules.evaluateNamespacedStore(
                  ns, ref.getName(), rules(store.getSpec()), deny(store.getSpec()), request);
    } else {
      ClusterFideliusStore store =
          kube.call(
              "reading ClusterFideliusStore " + ref.getName(),
              () ->
                  kube.client()
                      .resources(ClusterFideliusStore.class)
                      .withName(ref.getName())
                      .get());
      decision =
          store == null
              ? AccessDecision.deny("ClusterFideliusStore \"" + ref.getName() + "\" does not exist")
              : AccessRules.evaluateClusterStore(
                  ref.getName(), rules(store.getSpec()), deny(store.getSpec()), request);
    }
    access.put("admitted", decision.allowed());
    access.put("message", decision.message());
    return access;
  }

  private static List<AccessRule> rules(FideliusStoreSpec spec) {
    return spec == null || spec.getAccess() == null ? null : spec.getAccess().getRules();
  }

  /** The deny rules, evaluated first: a refusal names the one that matched. */
  private static List<AccessRule> deny(FideliusStoreSpec spec) {
    return spec == null || spec.getAccess() == null ? null : spec.getAccess().getDeny();
  }

  private List<Map<String, Object>> events(Kube kube, String ns) {
    List<Event> events =
        kube.call(
            "listing Events of " + ns + "/" + name,
            () ->
                kube.client()
                    .v1()
                    .events()
                    .inNamespace(ns)
                    .withField("involvedObject.name", name)
                    .list()
                    .getItems());
    List<Map<String, Object>> recent = new ArrayList<>();
    events.stream()
        .filter(
            e ->
                e.getInvolvedObject() != null
                    && "FideliusSecret".equals(e.getInvolvedObject().getKind()))
        .sorted(
            Comparator.comparing(WhyCommand::when, Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed())
        .limit(MAX_EVENTS)
        .forEach(
            e -> {
              Map<String, Object> event = new LinkedHashMap<>();
              event.put("time", when(e));
              event.put("type", e.getType());
              event.put("reason", e.getReason());
              event.put("message", e.getMessage());
              recent.add(event);
            });
    return recent;
  }

  private static String when(Event e) {
    return e.getLastTimestamp() != null
        ? e.getLastTimestamp()
        : e.getEventTime() != null
            ? e.getEventTime().getTime()
            : e.getMetadata().getCreationTimestamp();
  }

  @SuppressWarnings("unchecked")
  private void printText(Map<String, Object> report) {
    PrintWriter out = out();
    Map<String, Object> ready = (Map<String, Object>) report.get("ready");
    Map<String, Object> access = (Map<String, Object>) report.get("access");
    out.println("FideliusSecret " + report.get("name"));
    out.println(
        "Ready:  "
            + ready.get("status")
            + " ("
            + ready.get("reason")
            + ")"
            + (ready.get("since") == null ? "" : " since " + ready.get("since")));
    out.println("        " + ready.get("message"));
    out.println(
        "Access: " + (Boolean.TRUE.equals(access.get("admitted")) ? "admitted" : "refused"));
    out.println("        " + access.get("message"));
    List<Map<String, Object>> events = (List<Map<String, Object>>) report.get("events");
    out.println("Events:" + (events.isEmpty() ? " none recent" : ""));
    Rows rows = new Rows("time", "type", "reason", "message");
    events.forEach(e -> rows.add(e.get("time"), e.get("type"), e.get("reason"), e.get("message")));
    if (!rows.isEmpty()) {
      rows.print(OutputFormat.TABLE, out);
    }
    out.flush();
  }
}
