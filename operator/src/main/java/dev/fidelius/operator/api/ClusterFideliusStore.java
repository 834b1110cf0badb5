package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cluster-wide store shared by the namespaces its access rules admit. Without rules it admits
 * nobody.
 */
@JsonClassDescription(
    "A Fidelius store (DynamoDB + KMS) or Secrets Manager account shared by the namespaces, applications and SDLCs its access rules admit. Without rules it admits nobody.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("ClusterFideliusStore")
@Plural("clusterfideliusstores")
@Singular("clusterfideliusstore")
@ShortNames("cfstore")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ClusterFideliusStore extends CustomResource<FideliusStoreSpec, FideliusStoreStatus> {

  @Override
  protected FideliusStoreStatus initStatus() {
    return new FideliusStoreStatus();
  }
}
