package io.phoenixdiag.core.diag;

import java.util.List;
import java.util.Set;

/** A check registered in src/test/resources/META-INF/services, for the ServiceLoader test. */
public class DiscoverableCheck implements Check {

    /** Evidence the check needs. */
    public record Greeting(String name) {
    }

    @Override
    public String id() {
        return "test.discoverable";
    }

    @Override
    public String description() {
        return "Greets whoever the context names";
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(Greeting.class);
    }

    @Override
    public List<Finding> run(CheckContext context) {
        Greeting g = context.require(Greeting.class);
        return List.of(Finding.builder("test.discoverable", Severity.INFO).title("Hello " + g.name()).subject(g.name()).build());
    }
}
