package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.HypervisorConfig;
import io.phoenixdiag.core.config.LxcContainer;
import io.phoenixdiag.core.config.SharedVolume;
import io.phoenixdiag.core.config.VirtualMachine;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Location;
import io.phoenixdiag.core.diag.Severity;
import io.phoenixdiag.core.topology.Endpoint;
import io.phoenixdiag.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * References to guests that do not exist: {@code dependencies}, {@code clone_from_ctid} /
 * {@code clone_from_vmid}, and the guest ids of {@code shared_volumes.*.mounts}.
 *
 * <p>Finding {@code topology.unknown-reference}: ERROR when a running guest depends on a missing guest
 * (the Phoenix orchestrator creates dependencies first and stops when one is missing), WARNING otherwise
 * (a clone source that was renumbered; a shared volume that mounts into nothing, so the guest that
 * needs it does not get it). Stateless and thread-safe.
 */
public final class UnknownReferenceCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public UnknownReferenceCheck() {
    }

    @Override
    public String id() {
        return "topology.unknown-reference";
    }

    @Override
    public String description() {
        return "Dependencies, clone sources and shared-volume mounts that name guests which do not exist";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        Topology t = model.topology();
        List<Finding> out = new ArrayList<>();
        for (LxcContainer c : model.deployment().containers().values()) {
            if (c.ctid() <= 0) {
                continue;
            }
            String subject = "lxc:" + c.ctid();
            boolean active = t.isActive(Endpoint.lxc(c.ctid()));
            for (int i = 0; i < c.dependencies().size(); i++) {
                int dep = c.dependencies().get(i);
                if (!exists(t, dep)) {
                    out.add(dependency(subject, dep, active, at(c.location(), "/dependencies/" + i)));
                }
            }
            c.cloneFromCtid().ifPresent(src -> {
                if (src <= 0 || t.guest(Endpoint.lxc(src)).isEmpty()) {
                    out.add(clone(subject, "clone_from_ctid", "container " + src, at(c.location(), "/clone_from_ctid")));
                }
            });
        }
        for (VirtualMachine vm : model.deployment().vms()) {
            if (vm.vmid() <= 0) {
                continue;
            }
            String subject = "vm:" + vm.vmid();
            boolean active = t.isActive(Endpoint.vm(vm.vmid()));
            for (int i = 0; i < vm.dependencies().size(); i++) {
                int dep = vm.dependencies().get(i);
                if (!exists(t, dep)) {
                    out.add(dependency(subject, dep, active, at(vm.location(), "/dependencies/" + i)));
                }
            }
            vm.cloneFromVmid().ifPresent(src -> {
                if (src <= 0 || t.guest(Endpoint.vm(src)).isEmpty()) {
                    out.add(clone(subject, "clone_from_vmid", "VM " + src, at(vm.location(), "/clone_from_vmid")));
                }
            });
        }
        for (SharedVolume v : model.deployment().hypervisor().map(HypervisorConfig::sharedVolumes).orElse(List.of())) {
            for (Map.Entry<Integer, String> m : v.mounts().entrySet()) {
                if (!exists(t, m.getKey())) {
                    Location l = at(v.location(), "/mounts/" + m.getKey());
                    out.add(Finding.builder("topology.unknown-reference", Severity.WARNING)
                            .title("Shared volume " + v.name() + " mounts into guest " + m.getKey() + ", which does not exist")
                            .message("shared_volumes." + v.name() + " mounts " + v.hostPath() + " at " + m.getValue()
                                    + " in guest " + m.getKey() + ", but no container or VM has that id, so no running"
                                    + " guest receives this volume.")
                            .remediation("Point the mount at the guest that needs " + m.getValue()
                                    + " (guest ids change when guests are renumbered) or remove it.")
                            .subject("host").evidence("mount declared at " + l).location(l).build());
                }
            }
        }
        return out;
    }

    private static boolean exists(Topology t, int id) {
        return id > 0 && ( t.guest(Endpoint.lxc(id)).isPresent() || t.guest(Endpoint.vm(id)).isPresent());
    }

    private static Finding dependency(String subject, int dep, boolean active, Location l) {
        return Finding.builder("topology.unknown-reference", active ? Severity.ERROR : Severity.WARNING)
                .title(subject + " depends on guest " + dep + ", which does not exist")
                .message(subject + " lists " + dep + " in its dependencies, but no container or VM has that id;"
                        + " the orchestrator cannot start it in order.")
                .remediation("Fix the id in dependencies or declare guest " + dep + ".")
                .subject(subject).evidence("dependency declared at " + l).location(l).build();
    }

    private static Finding clone(String subject, String field, String what, Location l) {
        return Finding.builder("topology.unknown-reference", Severity.WARNING)
                .title(subject + " is cloned from " + what + ", which is not declared")
                .message(field + " names " + what + ", which the deployment does not declare; recreating "
                        + subject + " will fail.")
                .remediation("Declare the clone source or fix " + field + ".")
                .subject(subject).evidence(field + " at " + l).location(l).build();
    }

    static Location at(Location base, String suffix) {
        return base.pointer().isEmpty() ? base : new Location(base.file(), base.pointer() + suffix, 0, 0);
    }
}
