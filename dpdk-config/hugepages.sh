#!/bin/sh
# Reserve N free 2 MiB hugepages (default 512 = 1 GiB) and mount hugetlbfs at /dev/hugepages.
# Idempotent: only adds pages when fewer are free, only mounts when nothing is mounted there.
# Usage: hugepages.sh [PAGES]       (as root; persist with vm.nr_hugepages in sysctl.d)
set -eu

pages="${1:-512}"
mountpoint=/dev/hugepages
sysfs=/sys/kernel/mm/hugepages/hugepages-2048kB

case "$pages" in ''|*[!0-9]*) echo "hugepages.sh: PAGES must be a number, got '$pages'" >&2; exit 2;; esac
[ "$(id -u)" -eq 0 ] || { echo "hugepages.sh: must run as root" >&2; exit 1; }
[ -d "$sysfs" ] || { echo "hugepages.sh: kernel has no 2 MiB hugepage support ($sysfs)" >&2; exit 1; }

free=$(cat "$sysfs/free_hugepages")
if [ "$free" -lt "$pages" ]; then
  total=$(cat "$sysfs/nr_hugepages")
  echo $((total + pages - free)) > "$sysfs/nr_hugepages"
  free=$(cat "$sysfs/free_hugepages")
  # The kernel reserves what it can; fragmented memory can leave us short.
  [ "$free" -ge "$pages" ] || { echo "hugepages.sh: only $free of $pages pages free (memory fragmented? reserve at boot: hugepages=$pages)" >&2; exit 1; }
fi

if ! grep -qs " $mountpoint hugetlbfs " /proc/mounts; then
  mkdir -p "$mountpoint"
  mount -t hugetlbfs -o pagesize=2M nodev "$mountpoint"
fi
echo "hugepages.sh: $free free 2 MiB pages, hugetlbfs on $mountpoint"
