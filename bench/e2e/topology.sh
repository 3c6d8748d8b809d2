# The e2e topology (sourced by run.sh, bash): caller A and callee B in namespaces of their
# own, each on its own network, the peer under test between them in the root namespace:
#
#   ns rrbench-a: rrga 10.77.1.2 ── veth ── rrbha [peer, interface a: 10.77.1.1]
#   ns rrbench-b: rrgb 10.77.2.2 ── veth ── rrbhb [peer, interface b: 10.77.2.1]
#   control:      rrbh1 10.77.9.1 (ng, root namespace) ── veth ── ns rrbench-a: rrbg1 10.77.9.2
#
# rtpgen (DPDK mode) drives rrga and rrgb with ports of its own and frames everything itself,
# so the generator ends carry no kernel address: the namespaces' kernels ignore the media
# instead of answering it with ICMP. rtpgen answers ARP for 10.77.1.2 / 10.77.2.2 and is
# given the root-side ends' MACs as its next hops (static neighbours, read from sysfs).
# rtpengine gets 10.77.1.1 and 10.77.2.1 on the root-side ends while it runs; rtp-relay and
# testpmd drive those ends with DPDK.

NS_A=rrbench-a NS_B=rrbench-b
LINK_A_HOST=rrbha LINK_A_GEN=rrga LINK_B_HOST=rrbhb LINK_B_GEN=rrgb CTL_HOST=rrbh1 CTL_GEN=rrbg1
PEER_A=10.77.1.1 GEN_A=10.77.1.2 PEER_B=10.77.2.1 GEN_B=10.77.2.2 CTL_PEER=10.77.9.1

topology_down() {
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  ip link del "$LINK_A_HOST" 2>/dev/null || true
  ip link del "$LINK_B_HOST" 2>/dev/null || true
  ip link del "$CTL_HOST" 2>/dev/null || true
}

# A veth hands AF_XDP/AF_PACKET readers UDP with CHECKSUM_PARTIAL (never computed) unless TX
# checksum offload is off on the sending end (ETHTOOL_STXCSUM; no ethtool binary needed).
tx_checksum_off() {  # NAMESPACE|"" INTERFACE
  local run=()
  [ -n "$1" ] && run=(ip netns exec "$1")
  "${run[@]}" python3 - "$2" <<'PY'
import ctypes, fcntl, socket, struct, sys
value = ctypes.create_string_buffer(struct.pack("II", 0x00000017, 0))  # ETHTOOL_STXCSUM, off
ifreq = struct.pack("16sP", sys.argv[1].encode(), ctypes.addressof(value))
fcntl.ioctl(socket.socket(), 0x8946, ifreq)  # SIOCETHTOOL
PY
}

link_up() {  # NAMESPACE HOST_END GEN_END
  ip link add "$2" type veth peer name "$3"
  ip link set "$3" netns "$1"
  ip link set "$2" up
  ip netns exec "$1" ip link set "$3" up
  # No IPv6 on the media links: router solicitations and MLD reports are noise on a DPDK port.
  sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1"
  ip netns exec "$1" sysctl -qw "net.ipv6.conf.$3.disable_ipv6=1"
  tx_checksum_off "" "$2"
  tx_checksum_off "$1" "$3"
}

topology_up() {
  topology_down
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip netns exec "$NS_A" ip link set lo up
  ip netns exec "$NS_B" ip link set lo up
  link_up "$NS_A" "$LINK_A_HOST" "$LINK_A_GEN"
  link_up "$NS_B" "$LINK_B_HOST" "$LINK_B_GEN"
  ip link add "$CTL_HOST" type veth peer name "$CTL_GEN"
  ip link set "$CTL_GEN" netns "$NS_A"
  ip addr add "$CTL_PEER/24" dev "$CTL_HOST"
  ip link set "$CTL_HOST" up
  ip netns exec "$NS_A" ip addr add 10.77.9.2/24 dev "$CTL_GEN"
  ip netns exec "$NS_A" ip link set "$CTL_GEN" up
}

# The root namespace's kernel owns the peer addresses only while rtpengine runs.
peer_addresses() {  # add|del
  ip addr "$1" "$PEER_A/24" dev "$LINK_A_HOST" 2>/dev/null || true
  ip addr "$1" "$PEER_B/24" dev "$LINK_B_HOST" 2>/dev/null || true
}

mac_of() { cat "/sys/class/net/$1/address"; }
