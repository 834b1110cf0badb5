package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Declares secrets of one application/component/SDLC in a store, synced into a Kubernetes Secret
 * and kept current when they rotate.
 */
@JsonClassDescription(
    "Secrets of one application/component/SDLC in a Fidelius store or AWS Secrets Manager, synced into a Kubernetes Secret and refreshed when they rotate.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("FideliusSecret")
@Plural("fideliussecrets")
@Singular("fideliussecret")
@ShortNames("fsec")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Items",
    jsonPath = ".status.itemsSummary",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Store",
    jsonPath = ".spec.storeRef.name",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "App",
    jsonPath = ".spec.application",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "SDLC",
    jsonPath = ".spec.sdlc",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Last Sync",
    jsonPath = ".status.lastRefreshTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class FideliusSecret extends CustomResource<FideliusSecretSpec, FideliusSecretStatus>
    implements Namespaced {

  @Override
  protected FideliusSecretStatus initStatus() {
    return new FideliusSecretStatus();
  }
}
