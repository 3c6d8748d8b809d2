#include "tools/rtpgen/report.hpp"

#include <cstdio>
#include <ostream>

namespace rr::rtpgen {

namespace {

void fill_latency(const LatencyHistogram& histogram, StreamSummary& summary) {
  summary.has_latency = histogram.count() > 0;
  summary.p50_ns = histogram.percentile(0.5);
  summary.p99_ns = histogram.percentile(0.99);
  summary.p999_ns = histogram.percentile(0.999);
}

std::string latency_text(const StreamSummary& s, uint64_t ns) {
  if (!s.has_latency) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ns) / 1e6);
  return text;
}

void print_row(const char* label, const StreamSummary& s, std::ostream& out) {
  char line[256];
  std::string sent = s.has_sent ? std::to_string(s.sent) : "-";
  std::snprintf(line, sizeof line, "%-12s %10s %10llu %8llu %6llu %9.3f %9s %9s %9s\n", label,
                sent.c_str(), static_cast<unsigned long long>(s.received),
                static_cast<unsigned long long>(s.lost), static_cast<unsigned long long>(s.duplicates),
                s.jitter_ms, latency_text(s, s.p50_ns).c_str(), latency_text(s, s.p99_ns).c_str(),
                latency_text(s, s.p999_ns).c_str());
  out << line;
}

void json_summary(const StreamSummary& s, std::ostream& out) {
  char text[320];
  if (s.has_sent) out << "\"sent\":" << s.sent << ",";
  std::snprintf(text, sizeof text,
                "\"received\":%llu,\"lost\":%llu,\"duplicates\":%llu,\"jitter_ms\":%.4f",
                static_cast<unsigned long long>(s.received),
                static_cast<unsigned long long>(s.lost), static_cast<unsigned long long>(s.duplicates),
                s.jitter_ms);
  out << text;
  if (s.has_latency) {
    std::snprintf(text, sizeof text, ",\"latency_ms\":{\"p50\":%.4f,\"p99\":%.4f,\"p99.9\":%.4f}",
                  s.p50_ns / 1e6, s.p99_ns / 1e6, s.p999_ns / 1e6);
    out << text;
  }
}

// A generator that could not keep its schedule measures itself: say so next to the
// figures (5 % slack covers the last burst's rounding).
void print_pace(const Sender& sender, std::ostream& out) {
  double scheduled = sender.scheduled_seconds(), actual = sender.actual_seconds();
  char line[256];
  std::snprintf(line, sizeof line, "sent %llu packets in %.2f s (scheduled %.2f s)%s\n",
                static_cast<unsigned long long>(sender.sent()), actual, scheduled,
                actual > scheduled * 1.05 + 0.02
                    ? ": the generator fell behind (CPU); jitter and latency include its delay"
                    : "");
  out << line;
}

}  // namespace

StreamSummary summarize_stream(const Direction& direction, uint32_t stream) {
  StreamSummary s;
  if (direction.sender) {
    s.sent = direction.sender->dealt_to(stream);
    s.has_sent = true;
  }
  const ReceiveStats& stats = direction.sink->stats(stream);
  s.received = stats.received();
  s.duplicates = stats.duplicates();
  // Sequence numbers cannot reveal packets lost after the last one received; the
  // sender's count can, when it ran here.
  s.lost = std::max(stats.lost(), s.sent > s.received ? s.sent - s.received : 0);
  s.jitter_ms = stats.jitter_ms();
  if (const LatencyHistogram* histogram = direction.sink->latency(stream)) fill_latency(*histogram, s);
  return s;
}

StreamSummary summarize_total(const Direction& direction) {
  StreamSummary total;
  total.has_sent = direction.sender != nullptr;
  uint32_t with_packets = 0;
  for (uint32_t stream = 0; stream < direction.sink->streams(); ++stream) {
    StreamSummary s = summarize_stream(direction, stream);
    total.sent += s.sent;
    total.received += s.received;
    total.lost += s.lost;
    total.duplicates += s.duplicates;
    if (s.received > 0) {
      total.jitter_ms += s.jitter_ms;
      ++with_packets;
    }
  }
  if (with_packets > 0) total.jitter_ms /= with_packets;
  fill_latency(direction.sink->total_latency(), total);
  return total;
}

void print_report(const std::vector<Direction>& directions, uint32_t stream_rows, std::ostream& out) {
  for (const Direction& d : directions) {
    out << d.name << ": latency in ms, jitter per RFC 3550 in ms\n";
    char head[256];
    std::snprintf(head, sizeof head, "%-12s %10s %10s %8s %6s %9s %9s %9s %9s\n", "stream", "sent",
                  "received", "lost", "dup", "jitter", "p50", "p99", "p99.9");
    out << head;
    uint32_t shown = std::min(stream_rows, d.sink->streams());
    for (uint32_t stream = 0; stream < shown; ++stream) {
      print_row(std::to_string(stream).c_str(), summarize_stream(d, stream), out);
    }
    if (shown < d.sink->streams()) out << "... " << d.sink->streams() - shown << " more streams\n";
    print_row("total", summarize_total(d), out);
    if (d.sender) print_pace(*d.sender, out);
    if (d.sink->ignored() > 0) {
      out << "ignored datagrams (not rtpgen probes): " << d.sink->ignored() << '\n';
    }
    if (const SrtpReceiver* srtp = d.sink->srtp(); srtp && srtp->failed() > 0) {
      out << "SRTP drops: " << srtp->failed() << " (authentication " << srtp->auth_failed() << ", unknown SSRC "
          << srtp->unknown_ssrc() << ")\n";
    }
    out << '\n';
  }
}

void write_json(const std::vector<Direction>& directions, std::ostream& out) {
  out << "{\"directions\":[";
  for (size_t i = 0; i < directions.size(); ++i) {
    const Direction& d = directions[i];
    out << (i ? "," : "") << "{\"name\":\"" << d.name << "\",\"total\":{";
    json_summary(summarize_total(d), out);
    out << "}";
    if (d.sender) {
      out << ",\"send_seconds\":" << d.sender->actual_seconds()
          << ",\"scheduled_seconds\":" << d.sender->scheduled_seconds();
    }
    out << ",\"ignored\":{\"unknown_stream\":" << d.sink->unknown_stream();
    for (ParseError e : kDropReasons) {
      out << ",\"" << to_string(e) << "\":" << d.sink->dropped(e);
    }
    if (const SrtpReceiver* srtp = d.sink->srtp()) {
      out << ",\"srtp\":" << srtp->failed() << ",\"srtp_auth\":" << srtp->auth_failed();
    }
    out << "},\"streams\":[";
    for (uint32_t stream = 0; stream < d.sink->streams(); ++stream) {
      out << (stream ? "," : "") << "{\"stream\":" << stream << ",";
      json_summary(summarize_stream(d, stream), out);
      out << "}";
    }
    out << "]}";
  }
  out << "]}\n";
}

}  // namespace rr::rtpgen
