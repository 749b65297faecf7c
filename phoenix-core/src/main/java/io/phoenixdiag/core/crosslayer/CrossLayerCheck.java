package io.phoenixdiag.core.crosslayer;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Evidence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import java.util.List;
import java.util.Set;

/**
 * Base of the cross-layer checks: they need the analysed model and read {@link GatewayConfigs} from the context
 * or discover them beside the deployment.
 */
abstract class CrossLayerCheck implements Check {

    @Override
    public final Set<Class<?>> requires() {
        return Set.of(DeploymentModel.class);
    }

    @Override
    public final List<Finding> run(CheckContext context) {
        return run(Facts.of(context));
    }

    abstract List<Finding> run(Facts facts);

    /**
     * A finding naming both sides of a mismatch: each side is a piece of evidence with its location, and both
     * locations are the finding's locations.
     */
    static Finding both(String id, Severity severity, String title, String message, String remediation,
                        String aText, Location a, String bText, Location b, String... subjects) {
        return Finding.builder(id, severity).title(title).message(message).remediation(remediation)
                .subject(subjects).evidence(Evidence.of(aText, a)).evidence(Evidence.of(bText, b))
                .location(a).location(b).build();
    }
}
