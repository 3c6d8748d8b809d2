#include "tests/network/metrics/exposition.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>

#include "control/ng/socket.hpp"
#include "tools/ngclient/udp_socket.hpp"

namespace rr::netlab {
namespace {

bool name_char(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  return alpha || (!first && c >= '0' && c <= '9');
}

// Consumes a metric or label name from the front of `rest`; empty if there is none.
std::string_view take_name(std::string_view& rest) {
  size_t n = 0;
  while (n < rest.size() && name_char(rest[n], n == 0)) ++n;
  const std::string_view name = rest.substr(0, n);
  rest.remove_prefix(n);
  return name;
}

// Consumes `"..."` with the format's three escapes (\\, \", \n).
std::optional<std::string> take_quoted(std::string_view& rest) {
  if (rest.empty() || rest.front() != '"') return std::nullopt;
  std::string out;
  for (size_t i = 1; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c == '"') {
      rest.remove_prefix(i + 1);
      return out;
    }
    if (c == '\\') {
      if (++i == rest.size()) return std::nullopt;
      out += rest[i] == 'n' ? '\n' : rest[i];
    } else {
      out += c;
    }
  }
  return std::nullopt;  // unterminated
}

// Consumes `{a="x",b="y"}` (a trailing comma is allowed by the format).
std::optional<Labels> take_labels(std::string_view& rest) {
  Labels labels;
  if (rest.empty() || rest.front() != '{') return labels;
  rest.remove_prefix(1);
  while (!rest.empty() && rest.front() != '}') {
    const std::string key(take_name(rest));
    if (key.empty() || rest.empty() || rest.front() != '=') return std::nullopt;
    rest.remove_prefix(1);
    auto value = take_quoted(rest);
    if (!value || !labels.emplace(key, std::move(*value)).second) return std::nullopt;
    if (!rest.empty() && rest.front() == ',') rest.remove_prefix(1);
  }
  if (rest.empty()) return std::nullopt;
  rest.remove_prefix(1);
  return labels;
}

std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);  // "+Inf"
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool matches(const Labels& labels, const Labels& match) {
  return std::all_of(match.begin(), match.end(), [&](const auto& entry) {
    auto it = labels.find(entry.first);
    return it != labels.end() && it->second == entry.second;
  });
}

}  // namespace

std::optional<MetricSample> parse_sample_line(std::string_view line) {
  MetricSample sample;
  sample.name = std::string(take_name(line));
  if (sample.name.empty()) return std::nullopt;
  auto labels = take_labels(line);
  if (!labels || line.empty() || line.front() != ' ') return std::nullopt;
  sample.labels = std::move(*labels);
  line.remove_prefix(line.find_first_not_of(' '));
  const auto value = parse_number(line.substr(0, line.find(' ')));  // a timestamp may follow
  if (!value) return std::nullopt;
  sample.value = *value;
  return sample;
}

Exposition Exposition::parse(std::string_view text) {
  Exposition out;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (auto sample = parse_sample_line(line)) {
      out.samples_.push_back(std::move(*sample));
    } else {
      ++out.malformed_;
    }
  }
  return out;
}

std::optional<double> Exposition::value(std::string_view name, const Labels& match) const {
  std::optional<double> found;
  for (const auto& sample : samples_) {
    if (sample.name != name || !matches(sample.labels, match)) continue;
    if (found) return std::nullopt;  // ambiguous
    found = sample.value;
  }
  return found;
}

double Exposition::sum(std::string_view name, const Labels& match) const {
  double total = 0;
  for (const auto& sample : samples_)
    if (sample.name == name && matches(sample.labels, match)) total += sample.value;
  return total;
}

size_t Exposition::series_count(std::string_view name) const {
  return static_cast<size_t>(
      std::count_if(samples_.begin(), samples_.end(), [&](const auto& s) { return s.name == name; }));
}

std::optional<std::string> http_get(const Endpoint& server, std::string_view path,
                                    std::chrono::milliseconds timeout) {
  const auto address = ngclient::SockAddr::from(server);
  ng::UniqueFd fd(::socket(address.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd || ::connect(fd.get(), address.get(), address.length) != 0) return std::nullopt;
  const std::string request = "GET " + std::string(path) + " HTTP/1.0\r\nHost: test\r\n\r\n";
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
    return std::nullopt;
  // HTTP/1.0: the server closes the connection after the body.
  std::string response;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (char buffer[8192];;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd.get(), POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) != 1) return std::nullopt;
    const ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, 0);
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  const size_t body = response.find("\r\n\r\n");
  const size_t status_end = response.find("\r\n");
  if (body == std::string::npos || response.substr(0, status_end).find(" 200 ") == std::string::npos)
    return std::nullopt;
  return response.substr(body + 4);
}

std::optional<Endpoint> metrics_endpoint_in_log(std::string_view log) {
  constexpr std::string_view kPrefix = "metrics on http://";
  const size_t at = log.find(kPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = log.substr(at + kPrefix.size());
  return Endpoint::parse(rest.substr(0, rest.find("/metrics")));
}

}  // namespace rr::netlab
