package io.fenz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.fenz.platform.observability.UseCaseSpan;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency rule: core knows no web framework; contexts meet only through ports and events (an
 * app or adapter never uses another context's app or adapter).
 */
@AnalyzeClasses(
    packages = "io.fenz",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /**
   * Other modules arrive as jars; their test-jars (shared test support) are not production code.
   */
  static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(com.tngtech.archunit.core.importer.Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String[] CORE = {
    "io.fenz.platform..",
    "io.fenz.identity..",
    "io.fenz.content..",
    "io.fenz.discovery..",
    "io.fenz.monetization..",
    "io.fenz.interaction.."
  };
  private static final List<String> CONTEXTS =
      List.of("identity", "content", "discovery", "monetization", "interaction");
  private static final Pattern CONTEXT_LAYER = Pattern.compile("^io\\.fenz\\.(\\w+)\\.(\\w+)");

  @ArchTest
  static final ArchRule coreKnowsNoWebFrameworkOrProcess =
      noClasses()
          .that()
          .resideInAnyPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javalin..",
              "jakarta.servlet..",
              "org.eclipse.jetty..",
              "io.fenz.http..",
              "io.fenz.worker..",
              "io.fenz.cli..",
              "io.fenz.seed..",
              "io.fenz.devstack..",
              "picocli..");

  @ArchTest
  static final ArchRule useCasesAndDomainDoNotSeeAdapters =
      noClasses()
          .that()
          .resideInAnyPackage("..app..", "..domain..", "..port..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..adapter..");

  @ArchTest
  static final ArchRule domainIsFreeOfInfrastructure =
      noClasses()
          .that()
          .resideInAPackage("io.fenz..domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.jdbi..", "redis.clients..", "io.minio..", "io.nats..", "java.sql..");

  /**
   * Wiring (Dagger modules and generated components) is where adapters meet ports; routes never see
   * them.
   */
  @ArchTest
  static final ArchRule httpCallsUseCasesNotAdapters =
      noClasses()
          .that()
          .resideInAPackage("io.fenz.http..")
          .and()
          .resideOutsideOfPackage("io.fenz.http.wiring..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fenz.*.adapter..");

  /** One span per use case execution: each public {@code execute} runs through UseCaseSpan. */
  @ArchTest
  static final ArchRule useCasesRunInTheirOwnSpan =
      ArchRuleDefinition.methods()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.fenz..app..")
          .and()
          .arePublic()
          .and()
          .haveName("execute")
          .should(
              new ArchCondition<>("run through UseCaseSpan") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                  if (method.getMethodCallsFromSelf().stream()
                      .noneMatch(call -> call.getTargetOwner().isEquivalentTo(UseCaseSpan.class))) {
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " does not run in a UseCaseSpan"));
                  }
                }
              });

  @ArchTest
  static final ArchRule contextsMeetOnlyThroughPortsAndDomain =
      ArchRuleDefinition.classes()
          .that()
          .resideInAnyPackage(CORE)
          .should(
              new ArchCondition<>("use another context only through its port or domain") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                  String from = context(origin.getPackageName());
                  origin
                      .getDirectDependenciesFromSelf()
                      .forEach(
                          dependency -> {
                            String targetPackage = dependency.getTargetClass().getPackageName();
                            String to = context(targetPackage);
                            if (from != null && to != null && !from.equals(to)) {
                              Matcher m = CONTEXT_LAYER.matcher(targetPackage);
                              String layer = m.find() ? m.group(2) : "";
                              if (!layer.equals("port") && !layer.equals("domain")) {
                                events.add(
                                    SimpleConditionEvent.violated(
                                        dependency, dependency.getDescription()));
                              }
                            }
                          });
                }
              });

  /**
   * Identity is upstream of every context: it offers ports for them to implement and knows none of
   * them.
   */
  @ArchTest
  static final ArchRule identityKnowsNoOtherContext =
      noClasses()
          .that()
          .resideInAPackage("io.fenz.identity..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fenz.content..",
              "io.fenz.discovery..",
              "io.fenz.monetization..",
              "io.fenz.interaction..");

  /**
   * Content doesn't know who follows its changes: discovery and interaction listen to its events.
   */
  @ArchTest
  static final ArchRule contentDoesNotKnowItsListeners =
      noClasses()
          .that()
          .resideInAPackage("io.fenz.content..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.fenz.discovery..", "io.fenz.interaction..");

  private static String context(String packageName) {
    Matcher m = CONTEXT_LAYER.matcher(packageName + ".");
    return m.find() && CONTEXTS.contains(m.group(1)) ? m.group(1) : null;
  }
}
