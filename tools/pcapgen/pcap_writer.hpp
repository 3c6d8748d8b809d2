// Classic libpcap capture files (LINKTYPE_ETHERNET, microsecond timestamps), written by
// hand: the format is two fixed little structs, and DPDK's net_pcap and tshark read it.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace rr::pcapgen {

inline constexpr size_t kFileHeaderSize = 24;
inline constexpr size_t kRecordHeaderSize = 16;
inline constexpr uint32_t kSnapLength = 65535;

// The global header: magic a1b2c3d4 (host order, as libpcap writes it), version 2.4,
// snap length, LINKTYPE_ETHERNET (1).
std::array<uint8_t, kFileHeaderSize> file_header();
// One record's header: seconds, microseconds, captured length = original length.
std::array<uint8_t, kRecordHeaderSize> record_header(uint64_t time_ns, uint32_t length);

class PcapWriter {
 public:
  // nullopt with `error` set when the file cannot be created.
  static std::optional<PcapWriter> create(const std::string& path, std::string& error);

  // Appends one frame captured at time_ns; false (and stays false) after a write error.
  bool write(std::span<const uint8_t> frame, uint64_t time_ns);
  // Flushes and closes; false when anything failed to reach the file.
  bool close();

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  explicit PcapWriter(std::FILE* file) : file_(file) {}
  std::unique_ptr<std::FILE, Closer> file_;
  bool ok_ = true;
};

}  // namespace rr::pcapgen
