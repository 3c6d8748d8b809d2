#include "tools/ngbench/pipeline.hpp"

#include <unistd.h>

#include <charconv>

#include "tools/ngclient/message.hpp"
#include "tools/rtpgen/clock.hpp"

namespace rr::ngbench {

namespace {

using rtpgen::monotonic_ns;

struct Slot {
  bool busy = false;
  bool failed = false;  // an error or timeout in this cycle: it does not count
  Stage stage = Stage::offer;
  ngclient::CallIds ids;
  std::string cookie;
  std::string datagram;  // kept for retransmission
  uint64_t first_sent_ns = 0;
  uint64_t last_sent_ns = 0;
  int attempts = 0;
};

class Pipeline {
 public:
  Pipeline(ngclient::UdpSocket& socket, const PipelineOptions& options)
      : socket_(socket), options_(options), slots_(options.outstanding),
        run_(std::to_string(::getpid())) {}

  PipelineResult run() {
    const uint64_t start = monotonic_ns();
    const uint64_t stop_starting = start + options_.duration_ns;
    for (uint32_t i = 0; i < slots_.size(); ++i) start_cycle(i);
    for (;;) {
      uint64_t now = monotonic_ns();
      if (now >= stop_starting && !accepting_stopped_) {
        accepting_stopped_ = true;
        result_.elapsed_s = static_cast<double>(now - start) / 1e9;
        counted_cycles_ = result_.cycles;
      }
      if (accepting_stopped_ && (busy_ == 0 || now >= stop_starting + options_.finish_ns)) break;
      if (auto n = socket_.receive(buffer_, 5)) on_datagram({reinterpret_cast<char*>(buffer_.data()), *n});
      check_timeouts(monotonic_ns());
    }
    result_.cycles = counted_cycles_;
    return result_;
  }

 private:
  void start_cycle(uint32_t index) {
    Slot& slot = slots_[index];
    const std::string n = std::to_string(++calls_);
    slot.ids = {"ngbench-" + run_ + "-" + n, "from-" + n, "to-" + n};
    slot.busy = true;
    slot.failed = false;
    ++busy_;
    send(index, Stage::offer);
  }

  void send(uint32_t index, Stage stage) {
    Slot& slot = slots_[index];
    // A distinct, realistic media port per call, as different phones would offer.
    const uint16_t port = static_cast<uint16_t>(20000 + (calls_ * 2) % 40000);
    const Endpoint media{IpAddress::v4(127, 0, 0, 1), port};
    bencode::Value body;
    switch (stage) {
      case Stage::offer: body = ngclient::offer_request(slot.ids, ngclient::g711_sdp(media, calls_), media.address); break;
      case Stage::answer: body = ngclient::answer_request(slot.ids, ngclient::g711_sdp(media, calls_), media.address); break;
      case Stage::del: body = ngclient::delete_request(slot.ids); break;
    }
    slot.stage = stage;
    slot.cookie = run_ + "-" + std::to_string(index) + "-" + std::to_string(++requests_);
    ngclient::frame_request(slot.cookie, body, slot.datagram);
    slot.attempts = 1;
    slot.first_sent_ns = slot.last_sent_ns = monotonic_ns();
    transmit(slot);
  }

  void transmit(const Slot& slot) {
    socket_.send({reinterpret_cast<const uint8_t*>(slot.datagram.data()), slot.datagram.size()});
  }

  // "<run>-<slot>-<n>" → slot, when that slot is waiting for exactly this cookie.
  Slot* slot_for(const std::string& cookie, uint32_t& index) {
    size_t first = cookie.find('-');
    size_t second = cookie.find('-', first + 1);
    if (first == std::string::npos || second == std::string::npos) return nullptr;
    auto [end, ec] = std::from_chars(cookie.data() + first + 1, cookie.data() + second, index);
    if (ec != std::errc{} || index >= slots_.size()) return nullptr;
    Slot& slot = slots_[index];
    return slot.busy && slot.cookie == cookie ? &slot : nullptr;
  }

  void on_datagram(std::string_view datagram) {
    ngclient::Reply reply = ngclient::parse_reply(datagram);
    uint32_t index = 0;
    Slot* slot = reply.ok() ? slot_for(reply.cookie, index) : nullptr;
    if (!slot) {
      ++result_.stray_replies;  // late reply to a retransmitted request, or junk
      return;
    }
    StageResult& stage = result_.stages[static_cast<size_t>(slot->stage)];
    stage.rtt.record(monotonic_ns() - slot->first_sent_ns);
    if (std::optional<std::string> why = ngclient::reply_error(reply.body)) {
      if (stage.errors++ == 0) stage.first_error = *why;
      slot->failed = true;
    }
    advance(index);
  }

  // Next request of the cycle. After a failed offer or answer the delete is still sent,
  // so the relay is not left with half-made calls.
  void advance(uint32_t index) {
    Slot& slot = slots_[index];
    if (slot.stage == Stage::offer && !slot.failed) return send(index, Stage::answer);
    if (slot.stage != Stage::del) return send(index, Stage::del);
    if (!slot.failed) ++result_.cycles;
    slot.busy = false;
    --busy_;
    if (!accepting_stopped_) start_cycle(index);
  }

  void check_timeouts(uint64_t now) {
    for (uint32_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (!slot.busy || now - slot.last_sent_ns < options_.timeout_ns) continue;
      StageResult& stage = result_.stages[static_cast<size_t>(slot.stage)];
      if (slot.attempts < options_.attempts) {
        ++slot.attempts;
        ++stage.retransmits;
        slot.last_sent_ns = now;
        transmit(slot);
        continue;
      }
      ++stage.timeouts;
      slot.failed = true;
      advance(i);
    }
  }

  ngclient::UdpSocket& socket_;
  PipelineOptions options_;
  std::vector<Slot> slots_;
  std::string run_;
  PipelineResult result_;
  uint64_t calls_ = 0, requests_ = 0, counted_cycles_ = 0;
  uint32_t busy_ = 0;
  bool accepting_stopped_ = false;
  std::array<uint8_t, 65536> buffer_{};
};

}  // namespace

PipelineResult run_pipeline(ngclient::UdpSocket& socket, const PipelineOptions& options) {
  return Pipeline(socket, options).run();
}

}  // namespace rr::ngbench
