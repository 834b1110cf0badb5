package dev.fidelius.operator.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the README's "Layout" section, held by the compiled main classes. A rule that fails
 * names the class and the dependency that broke it.
 */
@AnalyzeClasses(
    packages = "dev.fidelius.operator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  private static final String OURS = "dev.fidelius.operator..";
  private static final String API = "dev.fidelius.operator.api..";
  private static final String AWS_SDK = "software.amazon.awssdk..";
  private static final String FABRIC8 = "io.fabric8..";
  private static final String JOSDK = "io.javaoperatorsdk..";

  /**
   * The runtime: the root package only (OperatorRuntime, Main, OperatorKubernetesClient,
   * KubernetesTokenSource).
   */
  private static final String RUNTIME = "dev.fidelius.operator";

  @ArchTest
  static final ArchRule apiImportsNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage(API))))
          .because(
              "the CRD classes are the contract; everything else depends on them, never the reverse");

  @ArchTest
  static final ArchRule renderHasNoIo =
      noClasses()
          .that()
          .resideInAPackage("..operator.render..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "java.net..",
                      "java.nio.file..",
                      "java.nio.channels..",
                      "java.net.http..",
                      AWS_SDK,
                      FABRIC8,
                      JOSDK)
                  .or(
                      resideInAPackage("java.io")
                          .and(not(simpleNameStartingWith("ByteArray")))
                          .and(not(simpleNameStartingWith("IOException")))
                          .and(not(simpleNameStartingWith("Unchecked")))))
          .because("rendering is a pure function of fetched values and the template");

  @ArchTest
  static final ArchRule awsSdkOnlyInAwsAndBackends =
      noClasses()
          .that()
          .resideOutsideOfPackages("..operator.aws..", "..operator.backend..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(AWS_SDK)
          .because(
              "AWS types stay behind aws/ (clients, credentials) and the backends that use them");

  @ArchTest
  static final ArchRule awsImportsNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("..operator.aws..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(OURS).and(not(resideInAPackage("..operator.aws.."))))
          .because(
              "aws/ is plumbing (clients, credentials, call counting) under the backends, not beside them");

  @ArchTest
  static final ArchRule kubernetesOnlyInKubernetesFacingCode =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              API,
              "..operator.reconciler..",
              "..operator.target..",
              "..operator.status..",
              "..operator.access..")
          .and()
          .doNotHaveFullyQualifiedName(RUNTIME + ".OperatorRuntime")
          .and()
          .doNotHaveFullyQualifiedName(RUNTIME + ".Main")
          .and()
          .doNotHaveFullyQualifiedName(RUNTIME + ".KubernetesTokenSource")
          .and()
          .haveNameNotMatching(
              java.util.regex.Pattern.quote(RUNTIME + ".OperatorKubernetesClient") + "(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FABRIC8, JOSDK)
          .because(
              "only the reconciler, target, status and runtime code talk to Kubernetes; the rest works on our"
                  + " own types");

  @ArchTest
  static final ArchRule accessReadsOnlyLabelSelectors =
      noClasses()
          .that()
          .resideInAPackage("..operator.access..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(FABRIC8, JOSDK).and(not(simpleNameStartingWith("LabelSelector"))))
          .because(
              "access rules read the CRD's namespaceSelector (a Kubernetes LabelSelector) and nothing else of"
                  + " Kubernetes");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.fidelius.operator.(**)").should().beFreeOfCycles();
}
