package io.phoenixdiag.core.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Role parsing, overrides and the JSON roles file. */
class RolesTest {

    @TempDir
    Path tmp;

    private Path file(String json) throws IOException {
        Path p = tmp.resolve("roles.json");
        Files.writeString(p, json.replace('\'', '"'));
        return p;
    }

    private String fail(String json) throws IOException {
        Path p = file(json);
        return assertThrows(Roles.RolesFileException.class, () -> Roles.readOverrides(p)).getMessage();
    }

    @Test
    void validFile() throws IOException {
        Path p = file("{'roles': [{'subject': 'lxc:101', 'role': 'gateway'},\n"
                + " {'subject': 'VM:1002', 'role': 'PORTAINER_AGENT'}, {'subject': 'host', 'role': 'nfs-server'}]}");
        assertEquals(List.of(new RoleAssignment(Endpoint.lxc(101), Role.GATEWAY, "declared in " + p + "#/roles/0"),
                new RoleAssignment(Endpoint.vm(1002), Role.PORTAINER_AGENT, "declared in " + p + "#/roles/1"),
                new RoleAssignment(Endpoint.HOST, Role.NFS_SERVER, "declared in " + p + "#/roles/2")),
                Roles.readOverrides(p));
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        String m = fail("{'roles': [\n  {'subject': 'lxc:101', 'role': 'gateway'}\n  {'subject': 'x'}]}");
        assertEquals(tmp.resolve("roles.json") + ":3:3: not valid JSON: Unexpected character ('{' (code 123)):"
                + " was expecting comma to separate Array entries", m);
    }

    @Test
    void unknownRoleNamesItsPointerAndTheValidIds() throws IOException {
        String m = fail("{'roles': [{'subject': 'lxc:101', 'role': 'gateway'}, {'subject': 'lxc:102', 'role': 'proxy'}]}");
        assertEquals(tmp.resolve("roles.json") + "#/roles/1/role: unknown role 'proxy': expected one of gateway, router,"
                + " ca, dns, portainer-server, portainer-agent, nfs-server, backend", m);
    }

    @Test
    void badSubjectNamesItsPointer() throws IOException {
        assertEquals(tmp.resolve("roles.json") + "#/roles/0/subject: expected host, external, lxc:<CTID> or vm:<VMID>"
                + " but got 'container:101'", fail("{'roles': [{'subject': 'container:101', 'role': 'gateway'}]}"));
        assertEquals(tmp.resolve("roles.json") + "#/roles/0/subject: expected a string but got nothing",
                fail("{'roles': [{'role': 'gateway'}]}"));
        assertEquals(tmp.resolve("roles.json") + "#/roles/0/subject: expected a string but got number",
                fail("{'roles': [{'subject': 101, 'role': 'gateway'}]}"));
        assertEquals(tmp.resolve("roles.json") + "#/roles/0: expected an object {\"subject\", \"role\"} but got string",
                fail("{'roles': ['lxc:101']}"));
    }

    @Test
    void missingRolesArray() throws IOException {
        assertEquals(tmp.resolve("roles.json") + "#/roles: expected an array of {\"subject\", \"role\"} objects",
                fail("{'role': []}"));
        assertEquals(tmp.resolve("roles.json") + "#/roles: expected an array of {\"subject\", \"role\"} objects",
                fail(""));
    }

    @Test
    void unreadableFile() {
        Path missing = tmp.resolve("nope.json");
        String m = assertThrows(Roles.RolesFileException.class, () -> Roles.readOverrides(missing)).getMessage();
        assertEquals(missing + ": cannot read: no such file", m);
    }

    @Test
    void overrideReplacesOnlyTheNamedComponents() {
        Roles inferred = new Roles(List.of(new RoleAssignment(Endpoint.lxc(101), Role.GATEWAY, "name"),
                new RoleAssignment(Endpoint.lxc(101), Role.BACKEND, "traefik_service"),
                new RoleAssignment(Endpoint.lxc(102), Role.ROUTER, "feature traefik")));
        Roles r = inferred.override(List.of(new RoleAssignment(Endpoint.lxc(101), Role.DNS, "declared")));
        assertEquals(Set.of(Role.DNS), r.rolesOf(Endpoint.lxc(101)));
        assertEquals(List.of(Endpoint.lxc(102)), r.holders(Role.ROUTER));
        assertEquals(List.of(), r.holders(Role.GATEWAY));
    }

    @Test
    void rolesAreSortedAndRepeatsKeepTheFirstReason() {
        Roles r = new Roles(List.of(new RoleAssignment(Endpoint.vm(1001), Role.BACKEND, "b"),
                new RoleAssignment(Endpoint.HOST, Role.DNS, "first"), new RoleAssignment(Endpoint.HOST, Role.DNS, "second")));
        assertEquals(List.of(new RoleAssignment(Endpoint.HOST, Role.DNS, "first"),
                new RoleAssignment(Endpoint.vm(1001), Role.BACKEND, "b")), r.assignments());
        assertEquals(Role.PORTAINER_SERVER, Role.parse(" Portainer-Server "));
        assertEquals("a role assignment needs a reason", assertThrows(IllegalArgumentException.class,
                () -> new RoleAssignment(Endpoint.HOST, Role.DNS, " ")).getMessage());
    }
}
