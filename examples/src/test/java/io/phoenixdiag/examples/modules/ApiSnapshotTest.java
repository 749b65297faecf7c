package io.phoenixdiag.examples.modules;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API of each library module, as a committed signature file ({@code docs/api/<artifact>.api}):
 * every public or protected type of an API package (not {@code *.internal*}) with its supertypes and its
 * public and protected constructors, methods and fields, one sorted line each, as
 * {@link Class#toGenericString()} and {@link Method#toGenericString()} print them. A change to the public
 * API fails this test with the lines added and removed until the file is regenerated on purpose:
 * {@code mvn -B -ntp -o verify -pl examples -am -Dtest=ApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dphoenix.updateApi=true}, and the regenerated file is reviewed and committed with the change.
 */
class ApiSnapshotTest {
    private static final Map<String, String> ARTIFACTS = Map.of("io.phoenixdiag.core", "phoenix-core",
            "io.phoenixdiag.pki", "phoenix-pki", "io.phoenixdiag.net", "phoenix-net",
            "io.phoenixdiag.capture", "phoenix-capture");

    @ParameterizedTest
    @ValueSource(strings = {"io.phoenixdiag.core", "io.phoenixdiag.pki", "io.phoenixdiag.net", "io.phoenixdiag.capture"})
    void publicApiMatchesTheCommittedSnapshot(String module) throws IOException {
        ModuleReference ref = ModulesTest.classPathModules().get(module);
        assertTrue(ref != null, module + " is not on the class path");
        String actual = String.join("\n", signatures(ref)) + "\n";
        Path file = Path.of("../docs/api", ARTIFACTS.get(module) + ".api");
        if (Boolean.getBoolean("phoenix.updateApi")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        if (!Files.exists(file)) {
            fail(file + " is missing: generate it with -Dphoenix.updateApi=true");
        }
        List<String> expected = Files.readAllLines(file);
        List<String> now = Arrays.asList(actual.split("\n"));
        if (!expected.equals(now)) {
            Set<String> removed = new TreeSet<>(expected);
            now.forEach(removed::remove);
            Set<String> added = new TreeSet<>(now);
            expected.forEach(added::remove);
            fail("the public API of " + module + " changed; if on purpose, regenerate " + file
                    + " with -Dphoenix.updateApi=true and commit it\n"
                    + removed.stream().map(l -> "- " + l).collect(Collectors.joining("\n")) + "\n"
                    + added.stream().map(l -> "+ " + l).collect(Collectors.joining("\n")));
        }
    }

    /** One line per public type and member of the module's API packages, sorted. */
    static List<String> signatures(ModuleReference ref) throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        List<String> classNames = new ArrayList<>();
        try (var reader = ref.open(); var names = reader.list()) {
            names.filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.endsWith("package-info.class")
                    && !n.startsWith("META-INF/") && !n.contains("/internal/"))
                    .forEach(n -> classNames.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        ClassLoader loader = ApiSnapshotTest.class.getClassLoader();
        for (String name : classNames) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("cannot load " + name, e);
            }
            if (!visible(c)) {
                continue;
            }
            String type = c.getName();
            StringBuilder head = new StringBuilder(c.toGenericString());
            if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
                head.append(" extends ").append(c.getGenericSuperclass().getTypeName());
            }
            if (c.getGenericInterfaces().length > 0) {
                head.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(c.getGenericInterfaces())
                        .map(java.lang.reflect.Type::getTypeName).collect(Collectors.joining(", ")));
            }
            lines.add(type + " : " + head);
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                member(lines, type, k, k.toGenericString());
            }
            for (Method m : c.getDeclaredMethods()) {
                if (!m.isBridge()) {
                    member(lines, type, m, m.toGenericString());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                member(lines, type, f, f.toGenericString());
            }
        }
        return new ArrayList<>(lines);
    }

    private static void member(Set<String> lines, String type, Member m, String text) {
        if (!m.isSynthetic() && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))) {
            lines.add(type + " : " + text);
        }
    }

    /** Public or protected, and so are all enclosing classes; not anonymous, local or synthetic. */
    private static boolean visible(Class<?> c) {
        for (Class<?> x = c; x != null; x = x.getEnclosingClass()) {
            if (x.isAnonymousClass() || x.isLocalClass() || x.isSynthetic()
                    || !(Modifier.isPublic(x.getModifiers()) || Modifier.isProtected(x.getModifiers()))) {
                return false;
            }
        }
        return true;
    }
}
