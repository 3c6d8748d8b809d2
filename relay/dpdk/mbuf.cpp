#include "relay/dpdk/mbuf.hpp"

#include <rte_mbuf.h>

#include <cstring>

namespace rr::dpdk {

void MbufFree::operator()(rte_mbuf* mbuf) const {
  rte_pktmbuf_free(mbuf);
}

Result<MbufPtr> make_mbuf(rte_mempool* pool, std::span<const uint8_t> bytes) {
  MbufPtr mbuf(rte_pktmbuf_alloc(pool));
  if (!mbuf) return Error{Errc::mempool, "mbuf: pool is empty"};
  if (bytes.size() > rte_pktmbuf_tailroom(mbuf.get())) {
    return Error{Errc::mempool, "mbuf: frame of " + std::to_string(bytes.size()) +
                                    " bytes does not fit one segment"};
  }
  // Checked above, so append cannot fail; the cast is safe because tailroom < 64 KiB.
  char* data = rte_pktmbuf_append(mbuf.get(), static_cast<uint16_t>(bytes.size()));
  if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
  return mbuf;
}

std::vector<uint8_t> mbuf_bytes(const rte_mbuf& mbuf) {
  std::vector<uint8_t> bytes;
  bytes.reserve(mbuf.pkt_len);
  for (const rte_mbuf* seg = &mbuf; seg != nullptr; seg = seg->next) {
    const auto* data = rte_pktmbuf_mtod(seg, const uint8_t*);
    bytes.insert(bytes.end(), data, data + seg->data_len);
  }
  return bytes;
}

}  // namespace rr::dpdk
