# The e2e topology (sourced by run.sh, bash): one generator namespace with two veth pairs to
# the host, where the relays live.
#   media:   $NS:rrbg0 10.77.1.2/24  <->  host rrbh0 (DPDK port, or 10.77.1.1 for rtpengine)
#   control: $NS:rrbg1 10.77.9.2/24  <->  host rrbh1 10.77.9.1/24 (ng)
# Both call legs ride the media veth: rtpgen's caller and callee sockets share one address.

NS=rrbench-gen
MEDIA_HOST=rrbh0 MEDIA_GEN=rrbg0 CTL_HOST=rrbh1 CTL_GEN=rrbg1
MEDIA_PEER=10.77.1.1 MEDIA_SELF=10.77.1.2 CTL_PEER=10.77.9.1

topology_down() {
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$MEDIA_HOST" 2>/dev/null || true
  ip link del "$CTL_HOST" 2>/dev/null || true
}

# A veth hands AF_XDP/AF_PACKET readers UDP with CHECKSUM_PARTIAL (never computed) unless TX
# checksum offload is off on the sending end (ETHTOOL_STXCSUM; no ethtool binary needed).
tx_checksum_off() {
  ip netns exec "$NS" python3 - "$1" <<'PY'
import ctypes, fcntl, socket, struct, sys
value = ctypes.create_string_buffer(struct.pack("II", 0x00000017, 0))  # ETHTOOL_STXCSUM, off
ifreq = struct.pack("16sP", sys.argv[1].encode(), ctypes.addressof(value))
fcntl.ioctl(socket.socket(), 0x8946, ifreq)  # SIOCETHTOOL
PY
}

topology_up() {
  topology_down
  ip netns add "$NS"
  ip link add "$MEDIA_HOST" type veth peer name "$MEDIA_GEN"
  ip link add "$CTL_HOST" type veth peer name "$CTL_GEN"
  ip link set "$MEDIA_GEN" netns "$NS"
  ip link set "$CTL_GEN" netns "$NS"
  ip addr add "$CTL_PEER/24" dev "$CTL_HOST"
  ip link set "$MEDIA_HOST" up
  ip link set "$CTL_HOST" up
  ip netns exec "$NS" ip addr add "$MEDIA_SELF/24" dev "$MEDIA_GEN"
  ip netns exec "$NS" ip addr add 10.77.9.2/24 dev "$CTL_GEN"
  ip netns exec "$NS" ip link set lo up
  ip netns exec "$NS" ip link set "$MEDIA_GEN" up
  ip netns exec "$NS" ip link set "$CTL_GEN" up
  tx_checksum_off "$MEDIA_GEN"
}

# The kernel of the host side owns the media address only while rtpengine runs.
media_address() {  # add|del
  ip addr "$1" "$MEDIA_PEER/24" dev "$MEDIA_HOST" 2>/dev/null || true
}

# testpmd answers no ARP: the generator gets the host end's MAC statically for its trials.
static_neighbour() {  # add|del
  local mac
  mac=$(cat "/sys/class/net/$MEDIA_HOST/address")
  if [ "$1" = add ]; then
    ip netns exec "$NS" ip neigh replace "$MEDIA_PEER" lladdr "$mac" dev "$MEDIA_GEN" nud permanent
  else
    ip netns exec "$NS" ip neigh flush dev "$MEDIA_GEN" 2>/dev/null || true
  fi
}
