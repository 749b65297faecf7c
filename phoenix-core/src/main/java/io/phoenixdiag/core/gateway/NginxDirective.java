package io.phoenixdiag.core.gateway;

import io.phoenixdiag.core.diag.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One directive of an nginx configuration, exactly as written: its name, its arguments (quotes removed,
 * escapes resolved, variables such as {@code $host} kept as text) and, for block directives such as
 * {@code server { ... }}, its children.
 *
 * <p>Syntax as defined by nginx's {@code ngx_conf_read_token} (nginx.org "Configuration file measurement
 * units" and "Beginner's guide: configuration file's structure"). Immutable and thread-safe.
 *
 * @param name     the directive name, such as {@code proxy_pass}; never empty
 * @param args     the arguments in order, unquoted; empty when there are none
 * @param children the directives inside the block; empty for a simple directive or an empty block
 * @param block    {@code true} when the directive has a block ({@code { ... }}), {@code false} when it ends
 *                 with {@code ;}
 * @param location file, 1-based line and column of the directive's name
 */
public record NginxDirective(String name, List<String> args, List<NginxDirective> children, boolean block,
                             Location location) {

    /**
     * Validates and copies the components.
     *
     * @param name the directive name
     * @param args the arguments
     * @param children the children
     * @param block whether it has a block
     * @param location where it is written
     * @throws NullPointerException if a component or list element is null
     * @throws IllegalArgumentException if {@code name} is empty, or a simple directive has children
     */
    public NginxDirective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("directive name must not be empty");
        }
        args = List.copyOf(args);
        children = List.copyOf(children);
        if (!block && !children.isEmpty()) {
            throw new IllegalArgumentException("a simple directive has no children: " + name);
        }
    }

    /**
     * The argument at an index.
     *
     * @param index 0-based index
     * @return the argument, or {@code ""} when there are not that many
     */
    public String arg(int index) {
        return index >= 0 && index < args.size() ? args.get(index) : "";
    }

    /**
     * The children with a given name, in order.
     *
     * @param childName the directive name to look for
     * @return the matching children; empty when none
     */
    public List<NginxDirective> children(String childName) {
        return children.stream().filter(d -> d.name.equals(childName)).toList();
    }

    /**
     * The last child with a given name (nginx uses the last of repeated single-valued directives
     * only where it allows repeats; most reject them, and we report that elsewhere).
     *
     * @param childName the directive name to look for
     * @return the last matching child, or empty
     */
    public Optional<NginxDirective> child(String childName) {
        List<NginxDirective> all = children(childName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
