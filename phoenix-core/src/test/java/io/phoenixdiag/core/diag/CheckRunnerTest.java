package io.phoenixdiag.core.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {

    record Deployment(String name) {
    }

    record RuleSet(int rules) {
    }

    private static Finding info(String checkId, String title, String... subjects) {
        return Finding.builder(checkId, Severity.INFO).title(title).subject(subjects).build();
    }

    private static final Check NEEDS_DEPLOYMENT = Check.of("config.name", "Names the deployment", Set.of(Deployment.class),
            ctx -> List.of(info("config.name", "Deployment " + ctx.require(Deployment.class).name())));
    private static final Check NEEDS_BOTH = Check.of("net.rules", "Counts rules", Set.of(RuleSet.class, Deployment.class),
            ctx -> List.of(info("net.rules", ctx.require(RuleSet.class).rules() + " rules")));
    private static final Check THROWS = Check.of("boom.check", "Always fails", Set.of(), ctx -> {
        throw new IllegalStateException("cannot parse value\nsecond line with detail");
    });

    @Test
    void missingEvidenceIsNotRunAndOthersRun() {
        CheckRunner runner = CheckRunner.builder().check(NEEDS_BOTH, NEEDS_DEPLOYMENT).build();
        CheckResults results = runner.run(CheckContext.builder().put(Deployment.class, new Deployment("lab")).build());

        assertEquals(List.of(info("config.name", "Deployment lab")), results.findings());
        assertEquals(List.of(NotRun.of("net.rules", "needs RuleSet")), results.notRun());
        assertEquals(List.of("config.name"), results.ran());

        CheckResults nothing = runner.run(CheckContext.empty());
        assertEquals(List.of(NotRun.of("config.name", "needs Deployment"), NotRun.of("net.rules", "needs Deployment, RuleSet")),
                nothing.notRun());
        assertEquals(List.of(), nothing.findings());
    }

    @Test
    void throwingCheckIsReportedAndDoesNotStopTheOthers() {
        CheckRunner runner = CheckRunner.builder().check(THROWS, NEEDS_DEPLOYMENT).build();
        CheckResults results = runner.run(CheckContext.builder().put(Deployment.class, new Deployment("lab")).build());

        assertEquals(List.of("config.name"), results.ran());
        assertEquals(List.of(NotRun.of("boom.check", "failed: java.lang.IllegalStateException: cannot parse value")),
                results.notRun());
        Finding failed = results.findings().get(0);
        assertEquals(CheckRunner.CHECK_FAILED, failed.checkId());
        assertEquals(Severity.ERROR, failed.severity());
        assertEquals("Check boom.check failed", failed.title());
        assertEquals("The check stopped with java.lang.IllegalStateException: cannot parse value. "
                + "Its findings are missing from this report; the other checks ran.", failed.message());
        assertEquals(List.of("boom.check"), failed.subjects());
        assertEquals(info("config.name", "Deployment lab"), results.findings().get(1));
        assertEquals(2, results.findings().size());
        assertFalse(failed.message().contains("second line"), "only the first line of a message is shown");
        assertFalse(failed.message().contains("at io.phoenixdiag"), "no stack trace");
    }

    @Test
    void messagesAreRedactedTruncatedAndCleaned() {
        Check leaky = Check.of("leaky.check", "Leaks", Set.of(), ctx -> {
            throw new IllegalArgumentException("password=hunter2 \u001b[31m" + "x".repeat(300));
        });
        CheckRunner runner = CheckRunner.builder().check(leaky).redactor(m -> m.replace("hunter2", "<redacted>")).build();
        CheckResults results = runner.run(CheckContext.empty());
        String why = results.notRun().get(0).why();
        assertEquals("failed: java.lang.IllegalArgumentException: password=<redacted> ?[31m" + "x".repeat(175) + "...", why);
        assertFalse(results.findings().get(0).message().contains("hunter2"));
    }

    @Test
    void nullResultErrorsAndUndeclaredMissingEvidenceAreHandled() {
        Check nullResult = Check.of("null.result", "Returns null", Set.of(), ctx -> null);
        Check undeclared = Check.of("undeclared.needs", "Requires without declaring", Set.of(),
                ctx -> List.of(info("undeclared.needs", "rules " + ctx.require(RuleSet.class).rules())));
        Check overflow = Check.of("deep.recursion", "Overflows", Set.of(), ctx -> {
            throw new StackOverflowError();
        });
        Check badRequires = new Check() {
            @Override
            public String id() {
                return "bad.requires";
            }

            @Override
            public String description() {
                return "requires() throws";
            }

            @Override
            public Set<Class<?>> requires() {
                throw new UnsupportedOperationException("not yet");
            }

            @Override
            public List<Finding> run(CheckContext context) {
                return List.of();
            }
        };
        CheckResults results = CheckRunner.builder().check(nullResult, undeclared, overflow, badRequires).build().run(CheckContext.empty());
        assertEquals(List.of(
                NotRun.of("bad.requires", "failed: java.lang.UnsupportedOperationException: not yet"),
                NotRun.of("deep.recursion", "failed: java.lang.StackOverflowError"),
                NotRun.of("null.result", "failed: java.lang.NullPointerException: run() returned null instead of a list"),
                NotRun.of("undeclared.needs", "needs RuleSet")), results.notRun());
        assertEquals(List.of("diag.check-failed", "diag.check-failed", "diag.check-failed"),
                results.findings().stream().map(Finding::checkId).toList());
        assertEquals(List.of(List.of("bad.requires"), List.of("deep.recursion"), List.of("null.result")),
                results.findings().stream().map(Finding::subjects).toList());
    }

    @Test
    void findingsAreInReportOrder() {
        Check many = Check.of("multi.check", "Several", Set.of(), ctx -> List.of(
                info("b.check", "t", "lxc:2"),
                Finding.builder("z.check", Severity.WARNING).title("w").build(),
                info("b.check", "t", "lxc:1"),
                info("a.check", "t"),
                Finding.builder("a.check", Severity.CRITICAL).title("c").build(),
                info("b.check", "a", "lxc:1"),
                info("b.check", "t", "lxc:1", "lxc:0")));
        CheckResults results = CheckRunner.builder().check(many).build().run(CheckContext.empty());
        assertEquals(List.of("CRITICAL a.check [] c", "WARNING z.check [] w", "INFO a.check [] t",
                        "INFO b.check [lxc:1] a", "INFO b.check [lxc:1] t", "INFO b.check [lxc:1, lxc:0] t",
                        "INFO b.check [lxc:2] t"),
                results.findings().stream().map(f -> f.severity() + " " + f.checkId() + " " + f.subjects() + " " + f.title()).toList());
    }

    @Test
    void checksRunInIdOrderAndCanBeSelected() {
        Check a = Check.of("a.one", "A", Set.of(), ctx -> List.of());
        Check b = Check.of("b.two", "B", Set.of(), ctx -> List.of());
        Check c = Check.of("c.three", "C", Set.of(), ctx -> List.of());
        assertEquals(List.of("a.one", "b.two", "c.three"),
                CheckRunner.builder().check(c, a, b).build().run(CheckContext.empty()).ran());
        assertEquals(List.of("c.three"), CheckRunner.builder().check(c, a, b).only("c.three").build().checks().stream().map(Check::id).toList());
        assertEquals(List.of("a.one", "c.three"),
                CheckRunner.builder().check(c, a, b).filter(id -> !id.startsWith("b.")).build().checks().stream().map(Check::id).toList());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CheckRunner.builder().check(a, b).only("x.nope").build());
        assertEquals("unknown check id(s) x.nope; known: a.one, b.two", unknown.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CheckRunner.builder().check(a, a).build());
        assertTrue(dup.getMessage().startsWith("two checks have the id a.one: "), dup.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CheckRunner.builder().check(Check.of("Bad_Id", "x", Set.of(), ctx -> List.of())).build());
        assertTrue(bad.getMessage().contains("malformed id 'Bad_Id'"), bad.getMessage());
    }

    @Test
    void serviceLoaderDiscoversTheTestCheck() {
        CheckRunner runner = CheckRunner.builder().discover(getClass().getClassLoader()).only("test.discoverable").build();
        assertEquals(1, runner.checks().size());
        Check check = runner.checks().get(0);
        assertEquals(DiscoverableCheck.class, check.getClass());
        assertEquals("Greets whoever the context names", check.description());

        CheckResults without = runner.run(CheckContext.empty());
        assertEquals(List.of(NotRun.of("test.discoverable", "needs Greeting")), without.notRun());
        CheckResults with = runner.run(CheckContext.builder()
                .put(DiscoverableCheck.Greeting.class, new DiscoverableCheck.Greeting("lxc:103")).build());
        assertEquals(List.of(Finding.builder("test.discoverable", Severity.INFO).title("Hello lxc:103").subject("lxc:103").build()),
                with.findings());
        assertEquals(List.of(), with.notRun());
    }

    @Test
    void brokenProviderIsReportedAndDiscoveryGoesOn(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("services");
        Files.writeString(services, "io.phoenixdiag.core.diag.NoSuchCheck\nio.phoenixdiag.core.diag.DiscoverableCheck\n");
        URL url = services.toUri().toURL();
        ClassLoader isolated = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("META-INF/services/" + Check.class.getName())) {
                    return Collections.enumeration(List.of(url));
                }
                return super.getResources(name);
            }
        };
        CheckRunner runner = CheckRunner.discover(isolated);
        assertEquals(List.of("test.discoverable"), runner.checks().stream().map(Check::id).toList());
        List<NotRun> notRun = runner.run(CheckContext.empty()).notRun();
        assertEquals(2, notRun.size());
        assertEquals("check discovery", notRun.get(0).what());
        assertTrue(notRun.get(0).why().startsWith("could not load a check: "), notRun.get(0).why());
        assertTrue(notRun.get(0).why().contains("io.phoenixdiag.core.diag.NoSuchCheck"), notRun.get(0).why());
        assertEquals(NotRun.of("test.discoverable", "needs Greeting"), notRun.get(1));
    }

    @Test
    void contextIsATypedImmutableBag() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        CheckContext.Builder builder = CheckContext.builder().put(Deployment.class, new Deployment("a")).clock(fixed);
        CheckContext ctx = builder.build();
        builder.put(RuleSet.class, new RuleSet(3));

        assertEquals(new Deployment("a"), ctx.require(Deployment.class));
        assertEquals(java.util.Optional.empty(), ctx.get(RuleSet.class));
        assertFalse(ctx.has(RuleSet.class));
        assertEquals(Set.of(Deployment.class), ctx.types());
        assertEquals(fixed, ctx.clock());
        assertEquals("CheckContext[Deployment]", ctx.toString());
        MissingEvidenceException e = assertThrows(MissingEvidenceException.class, () -> ctx.require(RuleSet.class));
        assertEquals(RuleSet.class.getName(), e.typeName());

        CheckContext more = ctx.toBuilder().put(RuleSet.class, new RuleSet(3)).build();
        assertEquals(new RuleSet(3), more.require(RuleSet.class));
        assertEquals(fixed, more.clock());
        assertThrows(UnsupportedOperationException.class, () -> more.types().clear());
        assertThrows(NullPointerException.class, () -> CheckContext.builder().put(RuleSet.class, null));
    }
}
