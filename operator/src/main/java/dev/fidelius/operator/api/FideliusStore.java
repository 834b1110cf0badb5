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
 * A store usable only by FideliusSecrets of its own namespace. By default it may not use the
 * operator's own AWS identity: a tenant who can create a FideliusStore must not gain the operator's
 * IAM reach, so it names a ServiceAccount of the namespace ({@code auth.serviceAccountRef}).
 */
@JsonClassDescription(
    "A Fidelius store (DynamoDB + KMS) or Secrets Manager account usable by FideliusSecrets of this namespace only, normally with a ServiceAccount of the namespace as AWS identity.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("FideliusStore")
@Plural("fideliusstores")
@Singular("fideliusstore")
@ShortNames("fstore")
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
public class FideliusStore extends CustomResource<FideliusStoreSpec, FideliusStoreStatus>
    implements Namespaced {

  @Override
  protected FideliusStoreStatus initStatus() {
    return new FideliusStoreStatus();
  }
}
