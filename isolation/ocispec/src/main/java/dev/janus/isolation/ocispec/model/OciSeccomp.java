package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/** {@code linux.seccomp}: the filter runc installs just before it starts the process. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciSeccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
        List<String> flags, List<Syscall> syscalls) {

    public OciSeccomp {
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
        flags = flags == null ? List.of() : List.copyOf(flags);
        syscalls = syscalls == null ? List.of() : List.copyOf(syscalls);
    }

    /** A rule: these syscalls, when all args match, get this action (errnoRet for SCMP_ACT_ERRNO). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Syscall(List<String> names, String action, Integer errnoRet, List<Arg> args) {
        public Syscall {
            names = names == null ? List.of() : List.copyOf(names);
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /** An argument condition; op is an SCMP_CMP_* name, valueTwo is used by SCMP_CMP_MASKED_EQ. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arg(int index,
            @JsonSerialize(using = UnsignedLongSerializer.class) long value,
            @JsonSerialize(using = UnsignedLongSerializer.class) long valueTwo,
            String op) {
    }

    /** The rule for a syscall name, if any (the first that lists it). */
    public Syscall ruleFor(String name) {
        return syscalls.stream().filter(s -> s.names().contains(name)).findFirst().orElse(null);
    }
}
