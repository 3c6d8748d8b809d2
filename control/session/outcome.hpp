// How Sessions reports a refused request: a kind (so the ng layer can pick "error" or
// "load limit") and rtpengine's exact error-reason text.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace rr::session {

enum class ErrorKind : uint8_t {
  bad_request,      // missing key, unparsable SDP, unknown interface
  not_found,        // unknown call-id / tag
  session_limit,    // max-sessions reached: "load limit" when the client supports it
  ports_exhausted,  // "Ran out of ports"
};

struct Error {
  ErrorKind kind = ErrorKind::bad_request;
  std::string reason;  // rtpengine's wording, sent as error-reason
};

// rtpengine's texts, in one place so tests and handlers agree.
namespace reason {
inline constexpr const char* kNoCallId = "No call-id in message";
inline constexpr const char* kNoFromTag = "No from-tag in message";
inline constexpr const char* kNoToTag = "No to-tag in message";
inline constexpr const char* kNoSdp = "No SDP body in message";
inline constexpr const char* kBadSdp = "Failed to parse SDP";
inline constexpr const char* kUnknownCall = "Unknown call-id";
inline constexpr const char* kUnknownTag = "Unknown tag";
inline constexpr const char* kSameTags = "from-tag and to-tag are the same";
inline constexpr const char* kDeleteNotFound = "Call-ID not found or tags didn't match";
inline constexpr const char* kSessionLimit = "Parallel session limit reached";
inline constexpr const char* kNoPorts = "Ran out of ports";
inline constexpr const char* kUnknownInterface = "Unknown interface";
inline constexpr const char* kAddressFamily = "No interface address of the requested family";
// SDES (ours: rtpengine logs these cases but has no reply text for them).
inline constexpr const char* kNoCryptoSuite = "crypto: no supported crypto suite offered";
inline constexpr const char* kNoSuiteToOffer = "crypto: the SDES flags leave no suite to offer";
inline constexpr const char* kCryptoKeys = "crypto: several master keys in one line are not supported";
inline constexpr const char* kCryptoKdr = "crypto: only KDR=0 is supported";
inline constexpr const char* kCryptoNoMatch = "crypto: no a=crypto in the answer matches the offer";
inline constexpr const char* kNoRandomness = "crypto: no randomness for SRTP keys";
}  // namespace reason

template <class T>
class Outcome {
 public:
  Outcome(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Outcome(Error error) : data_(std::move(error)) {}  // NOLINT

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // Callers check ok() first; the asserts state that belief.
  T& value() { return assert(ok()), std::get<0>(data_); }
  const T& value() const { return assert(ok()), std::get<0>(data_); }
  const Error& error() const { return assert(!ok()), std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace rr::session
