package dev.janus.isolation.ocispec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code linux.resources}: the cgroup settings runc writes when it creates the container. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OciResources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids,
        List<HugepageLimit> hugepageLimits, Map<String, String> unified) {

    public OciResources {
        devices = devices == null ? List.of() : List.copyOf(devices);
        hugepageLimits = hugepageLimits == null ? List.of() : List.copyOf(hugepageLimits);
        unified = unified == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unified));
    }

    /** A device cgroup rule; null type/major/minor mean "all" ({@code a *:*}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
        public static DeviceRule denyAll() {
            return new DeviceRule(false, null, null, null, "rwm");
        }

        public static DeviceRule allowAll() {
            return new DeviceRule(true, null, null, null, "rwm");
        }
    }

    /** Memory limits in bytes; swap is memory plus swap, as in cgroup v1's memsw. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long limit, Long reservation, Long swap, Long kernel, Long swappiness,
            Boolean disableOOMKiller) {
    }

    /** CPU weight (v1 shares scale), CFS quota/period in microseconds, and cpuset lists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Long shares, Long quota, Long period, String cpus, String mems) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pids(long limit) {
    }

    /** A hugetlb limit for one page size such as "2MB"; limit in bytes (uint64). */
    public record HugepageLimit(String pageSize,
            @JsonSerialize(using = UnsignedLongSerializer.class) long limit) {
    }
}
