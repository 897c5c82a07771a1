/**
 * The linux-vm handler (backend {@code uvm}): each pod a Linux utility VM, each container a crun
 * container inside it, through the guest agent. {@link dev.janus.isolation.uvm.LinuxVmBackend}
 * probes and builds {@link dev.janus.isolation.uvm.LinuxVmHandler}, which hands each verb to one
 * class (VmSandboxes, VmContainers, VmProcesses, VmStreaming) and takes back running VMs after a
 * restart (VmReattach). Windows-flavoured container configs are mapped by
 * {@link dev.janus.isolation.uvm.WindowsConfigMapper}. The verbs, the mapping rules, the files on
 * disk and the limits are in README.md beside this file.
 *
 * <pre>
 *   vm/     the VM host seam: QEMU, HCS      disk/   layer and scratch disks
 *   agent/  the guest agent's client          this   the handler
 * </pre>
 */
package dev.janus.isolation.uvm;
