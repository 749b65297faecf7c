package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.diag.Check;
import io.phoenixdiag.core.diag.CheckContext;
import io.phoenixdiag.core.diag.Finding;
import java.util.List;
import java.util.Set;

/**
 * Base of the built-in checks: they all need the analysed {@link DeploymentModel}.
 */
abstract class ModelCheck implements Check {

    @Override
    public final Set<Class<?>> requires() {
        return Set.of(DeploymentModel.class);
    }

    @Override
    public final List<Finding> run(CheckContext context) {
        return run(context.require(DeploymentModel.class));
    }

    /**
     * Runs the check on the model.
     *
     * @param model the analysed deployment
     * @return the findings
     */
    abstract List<Finding> run(DeploymentModel model);
}
