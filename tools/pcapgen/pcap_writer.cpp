#include "tools/pcapgen/pcap_writer.hpp"

#include <cerrno>
#include <cstring>

namespace rr::pcapgen {

namespace {

// libpcap writes its headers in the writer's byte order and readers detect it from the
// magic; writing little-endian explicitly keeps the files identical on every host we use.
void put32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v), p[1] = static_cast<uint8_t>(v >> 8);
}

}  // namespace

std::array<uint8_t, kFileHeaderSize> file_header() {
  std::array<uint8_t, kFileHeaderSize> h{};
  put32(&h[0], 0xa1b2c3d4);
  put16(&h[4], 2);  // version 2.4
  put16(&h[6], 4);
  // thiszone and sigfigs stay 0.
  put32(&h[16], kSnapLength);
  put32(&h[20], 1);  // LINKTYPE_ETHERNET
  return h;
}

std::array<uint8_t, kRecordHeaderSize> record_header(uint64_t time_ns, uint32_t length) {
  std::array<uint8_t, kRecordHeaderSize> h{};
  put32(&h[0], static_cast<uint32_t>(time_ns / 1'000'000'000));
  put32(&h[4], static_cast<uint32_t>(time_ns % 1'000'000'000 / 1000));
  put32(&h[8], length);
  put32(&h[12], length);
  return h;
}

std::optional<PcapWriter> PcapWriter::create(const std::string& path, std::string& error) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    error = path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  PcapWriter writer(file);
  const auto header = file_header();
  if (std::fwrite(header.data(), 1, header.size(), file) != header.size()) {
    error = path + ": cannot write the file header";
    return std::nullopt;
  }
  return writer;
}

bool PcapWriter::write(std::span<const uint8_t> frame, uint64_t time_ns) {
  if (!ok_ || !file_) return false;
  const auto header = record_header(time_ns, static_cast<uint32_t>(frame.size()));
  ok_ = std::fwrite(header.data(), 1, header.size(), file_.get()) == header.size() &&
        std::fwrite(frame.data(), 1, frame.size(), file_.get()) == frame.size();
  return ok_;
}

bool PcapWriter::close() {
  if (!file_) return false;
  const bool closed = std::fclose(file_.release()) == 0;
  return ok_ && closed;
}

}  // namespace rr::pcapgen
