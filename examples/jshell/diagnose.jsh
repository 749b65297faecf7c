// Diagnose a deployment from JShell and poke at the model.
//   mvn -B -ntp -q -DskipTests package
//   PHOENIX_CONFIG=/path/to/deployment jshell --class-path examples/target/phoenix-doctor.jar examples/jshell/diagnose.jsh
// Without PHOENIX_CONFIG it uses the sample deployment shipped in the examples module.
import java.nio.file.*;
import io.phoenixdiag.core.analysis.*;
import io.phoenixdiag.core.diag.*;
import io.phoenixdiag.core.topology.*;

Path dir = Path.of(System.getenv().getOrDefault("PHOENIX_CONFIG", "examples/src/main/resources/sample-deployment"));
Diagnosis diagnosis = Diagnosis.of(dir);

// The analysed model: topology, roles, intended flows and the firewall's verdict on each.
DeploymentModel model = diagnosis.analyse();
model.roles().assignments().forEach(a -> System.out.println(a.endpoint() + " is " + a.role().id() + " because " + a.reason()));
model.flows().stream().
     filter(f -> model.verdict(f).map(v -> v.state().name().startsWith("BLOCKED")).orElse(false)).
     forEach(f -> System.out.println("BLOCKED " + f.id() + ": " + model.verdict(f).get().decidedBy()));

// Why is one flow decided the way it is? The trace names every rule that was looked at.
model.flows().stream().filter(f -> f.id().startsWith("host->")).findFirst().
     flatMap(model::verdict).ifPresent(v -> v.trace().forEach(System.out::println));

// The whole report, as the doctor prints it.
Report report = diagnosis.run();
System.out.print(ReportRenderer.text(false).render(report));
/exit
