package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/** {@code process}: what runs in the container, as whom, with which privileges. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciProcess(boolean terminal, User user, List<String> args, List<String> env,
        String cwd, Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges,
        Integer oomScoreAdj, String apparmorProfile, String selinuxLabel) {

    public OciProcess {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? List.of() : List.copyOf(env);
        rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    }

    /** {@code user}; additionalGids become the process's supplementary groups (setgroups). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record User(long uid, long gid, Integer umask, List<Long> additionalGids) {
        public User {
            additionalGids = additionalGids == null ? List.of() : List.copyOf(additionalGids);
        }
    }

    /**
     * {@code capabilities}. Empty lists are written out on purpose: an empty set must reach runc
     * as "none", while an absent object would leave the process with whatever runc has.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capabilities(List<String> bounding, List<String> effective,
            List<String> inheritable, List<String> permitted, List<String> ambient) {
        public Capabilities {
            bounding = copy(bounding);
            effective = copy(effective);
            inheritable = copy(inheritable);
            permitted = copy(permitted);
            ambient = copy(ambient);
        }

        private static List<String> copy(List<String> l) {
            return l == null ? List.of() : List.copyOf(l);
        }
    }

    /** One {@code rlimits} entry; RLIM_INFINITY is -1 here and written as 2^64-1. */
    public record Rlimit(String type,
            @JsonSerialize(using = UnsignedLongSerializer.class) long hard,
            @JsonSerialize(using = UnsignedLongSerializer.class) long soft) {
    }
}
