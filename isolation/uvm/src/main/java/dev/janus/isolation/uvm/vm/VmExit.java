package dev.janus.isolation.uvm.vm;

import java.time.Instant;

/**
 * How a VM ended.
 *
 * @param reason what the hypervisor said: QEMU's SHUTDOWN reason ({@code guest-shutdown},
 *     {@code host-signal}, {@code guest-panic}...), HCS's ExitType, or {@code killed} /
 *     {@code vanished} when the process died without a word
 * @param clean the guest powered itself off, or an orderly stop asked for it
 */
public record VmExit(String reason, boolean clean, Instant at) {
}
