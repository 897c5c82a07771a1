#!/bin/bash
# Builds the Janus utility VM image: the kernel of a pinned Debian linux-image package and an
# initrd with busybox, the kernel modules of modules.list, crun and catatonit, a jlink'd Java
# runtime and the guest agent. Prints the sizes and where the files are.
#
#   deploy/uvm/build-image.sh [--out DIR] [--agent JAR] [--compress zstd|gzip|none]
#                             [--kernel-package PKG --kernel-version VER] [--modules M1,M2] [--force]
#
# Output (default deploy/target/uvm): vmlinux (the kernel to boot, uncompressed), vmlinuz (the
# package's bzImage), initrd.img, image.properties. Idempotent: when
# every input (this script, init, modules.list, kernel, agent jar, host binaries, JDK) hashes as
# last time, nothing is rebuilt. Downloads go to $JANUS_UVM_CACHE (default ~/.cache/janus-uvm).
# Needs: apt-get, dpkg-deb, depmod and modprobe (kmod), cpio, xz, zstd or gzip, a JDK >= 21,
# busybox-static, crun, catatonit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=kernel.env
. "$here/kernel.env"

out=${JANUS_UVM_OUT:-$top/deploy/target/uvm}
agent=${JANUS_UVM_AGENT:-$top/isolation/guest/agent/target/janus-guest-agent.jar}
compress=${JANUS_UVM_COMPRESS:-zstd}
kernel_package=${JANUS_UVM_KERNEL_PACKAGE:-$KERNEL_PACKAGE}
kernel_version=${JANUS_UVM_KERNEL_VERSION:-$KERNEL_VERSION}
cache=${JANUS_UVM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/janus-uvm}
java_modules=${JANUS_UVM_JAVA_MODULES:-}
force=false
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --agent) agent=$2; shift 2 ;;
    --compress) compress=$2; shift 2 ;;
    --kernel-package) kernel_package=$2; shift 2 ;;
    --kernel-version) kernel_version=$2; shift 2 ;;
    --modules) java_modules=$2; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$compress" in zstd|gzip|none) ;; *) echo "--compress is zstd, gzip or none" >&2; exit 2 ;; esac
jdk=${JANUS_UVM_JDK:-$("$top/bin/jdk")}
needed="apt-get dpkg-deb depmod modprobe cpio xz sha256sum flock"
[ "$compress" = none ] || needed="$needed $compress"
for tool in $needed; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install kmod cpio zstd xz-utils" >&2; exit 1; }
done
for f in /bin/busybox /usr/bin/crun /usr/bin/catatonit "$agent"; do
  [ -f "$f" ] || { echo "missing $f (busybox-static, crun, catatonit; the agent jar: --agent)" >&2; exit 1; }
done
mkdir -p "$out" "$cache/debs"
out=$(cd "$out" && pwd)
exec 9>"$out/.lock"
flock 9

libs_of() { ldd "$@" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | sort -u; }

inputs() {
  {
    echo "kernel $kernel_package=$kernel_version compress $compress modules $java_modules"
    sha256sum "$0" "$here/init" "$here/modules.list" "$here/acpi-power" "$agent" \
      /bin/busybox /usr/bin/crun /usr/bin/catatonit $(libs_of /usr/bin/crun) | cut -d' ' -f1
    cat "$jdk/release"
  } | sha256sum | cut -d' ' -f1
}

report() {
  local k z i
  k=$(stat -c %s "$out/vmlinux"); z=$(stat -c %s "$out/vmlinuz"); i=$(stat -c %s "$out/initrd.img")
  printf 'janus utility VM image (%s)\n' "$(sed -n 's/^kernel.release=//p' "$out/image.properties")"
  awk -v k="$k" -v z="$z" -v i="$i" -v o="$out" 'BEGIN {
    printf "  kernel  %6.1f MB  %s/vmlinux (boot this; %s/vmlinuz is %.1f MB)\n", k / 1048576, o, o, z / 1048576
    printf "  initrd  %6.1f MB  %s/initrd.img\n", i / 1048576, o
    printf "  total   %6.1f MB\n", (k + i) / 1048576 }'
}

want=$(inputs)
if ! $force && [ -f "$out/image.properties" ] && [ -f "$out/vmlinuz" ] && [ -f "$out/initrd.img" ] \
    && [ -f "$out/vmlinux" ] && grep -qx "inputs=$want" "$out/image.properties"; then
  echo "up to date: $out"
  report
  exit 0
fi

work=$(mktemp -d "$out/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

# 1. the kernel package, downloaded once
deb=$(ls "$cache/debs/${kernel_package}_${kernel_version//:/%3a}_"*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
  echo "downloading $kernel_package=$kernel_version"
  (cd "$cache/debs" && apt-get download -q "$kernel_package=$kernel_version" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
  deb=$(ls "$cache/debs/${kernel_package}_${kernel_version//:/%3a}_"*.deb 2>/dev/null | head -1 || true)
  [ -n "$deb" ] || { echo "cannot download $kernel_package=$kernel_version (apt-get update?)" >&2; exit 1; }
fi
dpkg-deb -x "$deb" "$work/kernel"
release=$(basename "$(ls -d "$work/kernel/lib/modules/"*)")
cp "$work/kernel/boot/vmlinuz-$release" "$work/vmlinuz"
# The ELF inside the bzImage: QEMU boots it directly (PVH) and Hyper-V's LinuxKernelDirect
# prefers it; under TCG that saves the guest ~3 s of XZ decompression. The tr trick puts the
# XZ magic at a line start so grep -b finds its offset (as the kernel's extract-vmlinux does).
xz_at=$(LC_ALL=C tr '\3757zXZ\000\n' '\nabcde=' < "$work/vmlinuz" | LC_ALL=C grep -abo '^abcde' | head -1 | cut -d: -f1)
[ -n "$xz_at" ] || { echo "no XZ payload in vmlinuz-$release" >&2; exit 1; }
tail -c "+$xz_at" "$work/vmlinuz" | xz -dc 2>/dev/null > "$work/vmlinux" || true
file_type=$(head -c 4 "$work/vmlinux" | od -An -c | tr -d ' ')
[ "$file_type" = '177ELF' ] || { echo "extracting vmlinux from vmlinuz-$release failed" >&2; exit 1; }

# 2. the modules of modules.list with their dependencies, and a modules.dep for them
depmod -b "$work/kernel" "$release"
mkdir -p "$root/lib/modules/$release" "$root/etc/janus"
for m in $(sed -e 's/#.*//' "$here/modules.list" | awk 'NF == 2 { print $2 }'); do
  modprobe -d "$work/kernel" -S "$release" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
done | sort -u | while read -r ko; do
  rel=${ko#"$work/kernel/"}
  mkdir -p "$root/$(dirname "$rel")"
  cp "$ko" "$root/$rel"
done
cp "$work/kernel/lib/modules/$release/"modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$release/"
depmod -b "$root" "$release"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/modules.list" > "$root/etc/janus/modules.list"

# 3. userland: busybox, crun, catatonit, the Java runtime and the agent
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,root,etc/acpi/PWRF,opt/janus,var/lib,mnt}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
cp /usr/bin/crun /usr/bin/catatonit "$root/usr/bin/"
if [ -z "$java_modules" ]; then
  java_modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 "$agent" 2>/dev/null || true)
  java_modules=${java_modules:-java.base}
fi
"$jdk/bin/jlink" --add-modules "$java_modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --generate-cds-archive --output "$root/opt/janus/jre" > "$work/jlink.log" 2>&1 \
  || { cat "$work/jlink.log" >&2; exit 1; }
# the guest heap is small: compressed oops always, so the no-coops CDS archive is dead weight;
# every MB of initrd costs guest boot time (the kernel unpacks it)
rm -f "$root/opt/janus/jre/lib/server/classes_nocoops.jsa"
if command -v strip >/dev/null; then
  find "$root/opt/janus/jre" -name '*.so' -exec strip --strip-unneeded {} +
fi
cp "$agent" "$root/opt/janus/agent.jar"
for lib in $(libs_of /usr/bin/crun "$root/opt/janus/jre/bin/java" $(find "$root/opt/janus/jre" -name '*.so')); do
  case "$lib" in "$root"/*) continue ;; esac
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# 4. /init, the power button, users
cp "$here/init" "$root/init"
cp "$here/acpi-power" "$root/etc/acpi/PWRF/00000080"
chmod 0755 "$root/init" "$root/etc/acpi/PWRF/00000080"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' > "$root/etc/group"
[ "$(id -u)" = 0 ] && mknod -m 600 "$root/dev/console" c 5 1

# 5. the archive; zstd decompresses faster than gzip in the guest
case "$compress" in
  zstd) squeeze=(zstd -q -T0 -9) ;;
  gzip) squeeze=(gzip -6) ;;
  none) squeeze=(cat) ;;
esac
(cd "$root" && find . -print0 | LC_ALL=C sort -z | cpio --quiet -o -H newc -0 -R 0:0) | "${squeeze[@]}" > "$work/initrd.img"

{
  echo "kernel.package=$kernel_package"
  echo "kernel.version=$kernel_version"
  echo "kernel.release=$release"
  echo "initrd.compression=$compress"
  echo "java.modules=$java_modules"
  echo "agent=$agent"
  echo "inputs=$want"
} > "$work/image.properties"
mv -f "$work/vmlinuz" "$out/vmlinuz"
mv -f "$work/vmlinux" "$out/vmlinux"
mv -f "$work/initrd.img" "$out/initrd.img"
mv -f "$work/image.properties" "$out/image.properties"
echo "built: $out"
report
