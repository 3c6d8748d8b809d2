#!/bin/sh
# Bind a NIC to vfio-pci for DPDK (not for mlx5, which stays on its kernel driver).
# Usage: bind-nic.sh [-n] PCI_ADDRESS      -n: dry run, print what would be done
#        bind-nic.sh --status             what is bound where
# Refuses to unbind an interface that is up or carries a route: that would cut off the
# management network (the ng socket and /metrics live there, not on DPDK ports).
set -eu

devbind=dpdk-devbind.py
command -v "$devbind" >/dev/null || { echo "bind-nic.sh: $devbind not found (apt-get install dpdk)" >&2; exit 1; }

dry=""
if [ "${1:-}" = "--status" ]; then exec "$devbind" --status-dev net; fi
if [ "${1:-}" = "-n" ]; then dry=1; shift; fi
[ $# -eq 1 ] || { echo "usage: bind-nic.sh [-n] PCI_ADDRESS | --status" >&2; exit 2; }
addr="$1"
case "$addr" in *:*:*.*) ;; *:*.*) addr="0000:$addr";; *) echo "bind-nic.sh: '$1' is not a PCI address (e.g. 0000:03:00.0)" >&2; exit 2;; esac
dev="/sys/bus/pci/devices/$addr"
[ -d "$dev" ] || { echo "bind-nic.sh: no PCI device $addr" >&2; exit 1; }
# PCI class 0x02xxxx is a network controller; anything else (a disk!) is a typo.
case "$(cat "$dev/class")" in 0x02*) ;; *) echo "bind-nic.sh: $addr is not a network controller (class $(cat "$dev/class"))" >&2; exit 1;; esac

driver=$(basename "$(readlink -f "$dev/driver" 2>/dev/null)" 2>/dev/null || true)
[ "$driver" = "mlx5_core" ] && { echo "bind-nic.sh: $addr is mlx5: keep it on mlx5_core (see profiles/mlx5.conf)" >&2; exit 1; }
[ "$driver" = "vfio-pci" ] && { echo "bind-nic.sh: $addr already on vfio-pci"; exit 0; }

for ifdir in "$dev"/net/*; do
  [ -e "$ifdir" ] || continue
  ifname=$(basename "$ifdir")
  if ip -o link show "$ifname" | grep -q "state UP" || ip route show dev "$ifname" | grep -q .; then
    echo "bind-nic.sh: $ifname ($addr) is up or routed; take it down first: ip link set $ifname down" >&2
    exit 1
  fi
done

if ! grep -qs "^vfio_pci " /proc/modules; then
  [ -n "$dry" ] && echo "would run: modprobe vfio-pci" || modprobe vfio-pci
fi
[ -d /sys/kernel/iommu_groups ] && [ -n "$(ls /sys/kernel/iommu_groups)" ] ||
  echo "bind-nic.sh: warning: no IOMMU groups; enable intel_iommu=on iommu=pt (see isolate-cores.md)" >&2

if [ -n "$dry" ]; then
  echo "would run: $devbind --bind=vfio-pci $addr   (now on: ${driver:-no driver})"
else
  "$devbind" --bind=vfio-pci "$addr"
  "$devbind" --status-dev net | grep "$addr"
fi
