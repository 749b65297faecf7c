package io.phoenixdiag.core.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link Endpoint}: subjects, parsing and order. */
class EndpointTest {

    @Provide
    Arbitrary<Endpoint> endpoints() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, Integer.MAX_VALUE);
        return Arbitraries.oneOf(Arbitraries.just(Endpoint.HOST), Arbitraries.just(Endpoint.EXTERNAL),
                ids.map(Endpoint::lxc), ids.map(Endpoint::vm));
    }

    @Property
    void parseInvertsSubject(@ForAll("endpoints") Endpoint e) {
        assertEquals(e, Endpoint.parse(e.subject()));
        assertEquals(e.subject(), e.toString());
    }

    @Property
    void parseIgnoresCaseAndSurroundingSpace(@ForAll("endpoints") Endpoint e, @ForAll boolean upper,
                                             @ForAll @IntRange(max = 3) int pad) {
        String text = " ".repeat(pad) + (upper ? e.subject().toUpperCase(Locale.ROOT) : e.subject()) + "\t";
        assertEquals(e, Endpoint.parse(text));
    }

    @Provide
    Arbitrary<String> notSubjects() {
        return Combinators.combine(Arbitraries.of("lxc", "vm", "ct", "host", "", "qemu"),
                        Arbitraries.of(":", "", "::", "-"), Arbitraries.of("0", "-1", "x", "", "1.5", "99999999999"))
                .as((a, b, c) -> a + b + c)
                .filter(s -> !s.equals("host"));
    }

    @Property
    void everythingElseIsRejectedWithTheExpectedForms(@ForAll("notSubjects") String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
        assertEquals("expected host, external, lxc:<CTID> or vm:<VMID> but got '" + text + "'", e.getMessage());
    }

    @Property
    void orderIsHostThenContainersThenVmsThenExternal(@ForAll("endpoints") Endpoint a, @ForAll("endpoints") Endpoint b) {
        int byKind = Integer.compare(a.kind().ordinal(), b.kind().ordinal());
        int expected = byKind != 0 ? byKind : Integer.compare(a.guestId(), b.guestId());
        assertEquals(Integer.signum(expected), Integer.signum(a.compareTo(b)));
    }

    @Test
    void idsAndValidation() {
        assertEquals(OptionalInt.of(103), Endpoint.lxc(103).id());
        assertEquals(OptionalInt.empty(), Endpoint.HOST.id());
        assertEquals("vm:1001", Endpoint.vm(1001).subject());
        assertEquals("bad guest id 0 for LXC", assertThrows(IllegalArgumentException.class, () -> Endpoint.lxc(0))
                .getMessage());
        assertEquals("bad guest id 5 for HOST", assertThrows(IllegalArgumentException.class,
                () -> new Endpoint(Endpoint.Kind.HOST, 5)).getMessage());
    }
}
