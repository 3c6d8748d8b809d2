#include "control/commands/parse.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace rr::commands {
namespace {

// Dictionary keys whose value is one string, applied through the option table.
// Compared after normalize(): "media address" and "media-address" are the same key.
constexpr std::array<std::string_view, 12> kStringKeys{"call-id",
                                                       "from-tag",
                                                       "to-tag",
                                                       "via-branch",
                                                       "label",
                                                       "ice",
                                                       "transport-protocol",
                                                       "address-family",
                                                       "media-address",
                                                       "record-call",
                                                       "sip-message-type",
                                                       "tos"};
// Dictionary keys whose value is a list of strings, each applied as "key=item" (or as a flag).
constexpr std::array<std::string_view, 6> kListKeys{"replace",  "rtcp-mux", "direction",
                                                    "supports", "flags",    "SDES"};

void apply_list(ParsedRequest& r, std::string_view key, const bencode::Value& list) {
  const bencode::List* items = list.as_list();
  if (const std::string* single = list.as_string(); single != nullptr && key == "SDES") {
    apply_option(r, key, *single);  // older clients send "SDES": "off"
    return;
  }
  if (items == nullptr) {
    r.warnings.push_back("Invalid value for '" + std::string(key) + "'");
    return;
  }
  for (const bencode::Value& item : *items) {
    const std::string* text = item.as_string();
    if (text == nullptr) {
      r.warnings.push_back("Invalid value for '" + std::string(key) + "'");
      continue;
    }
    if (key == "flags")
      apply_option(r, *text, std::nullopt);
    else
      apply_option(r, key, *text);
  }
}

void apply_received_from(ParsedRequest& r, const bencode::Value& value) {
  const bencode::List* list = value.as_list();
  const std::string* address =
      list != nullptr && list->size() == 2 ? (*list)[1].as_string() : nullptr;
  std::optional<IpAddress> ip = address ? IpAddress::parse(*address) : std::nullopt;
  if (ip)
    r.received_from = ip;
  else
    r.warnings.push_back("Invalid value for 'received-from'");
}

std::optional<std::string> text_of(const bencode::Value& value) {
  if (const std::string* s = value.as_string()) return *s;
  if (const int64_t* i = value.as_int()) return std::to_string(*i);
  return std::nullopt;
}

}  // namespace

ParsedRequest parse_request(const bencode::Value& dict) {
  ParsedRequest r;
  const bencode::Dict* entries = dict.as_dict();
  if (entries == nullptr) return r;
  for (const bencode::DictEntry& entry : *entries) {
    const std::string_view key = entry.key;
    if (key == "command") continue;
    if (key == "sdp") {
      if (const std::string* sdp = entry.value.as_string()) r.sdp = *sdp;
    } else if (key == "received-from") {
      apply_received_from(r, entry.value);
    } else if (key == "rtpp-flags") {
      if (const std::string* text = entry.value.as_string()) apply_rtpp_flags(r, *text);
    } else if (key == "delete delay" || key == "delete-delay" || key == "limit") {
      std::optional<int64_t> n = dict.get_int(key);
      if (key == "limit")
        r.limit = n;
      else
        r.delete_delay = n;
    } else if (std::find(kListKeys.begin(), kListKeys.end(), key) != kListKeys.end()) {
      apply_list(r, key, entry.value);
    } else if (std::find(kStringKeys.begin(), kStringKeys.end(), normalize(key)) !=
               kStringKeys.end()) {
      if (std::optional<std::string> text = text_of(entry.value))
        apply_option(r, key, *text);
      else
        r.warnings.push_back("Invalid value for '" + std::string(key) + "'");
    }
    // Any other key belongs to a feature we do not have; rtpengine ignores unknown keys too.
  }
  return r;
}

// The typed request is the slice of ParsedRequest its base class names.
template <class Typed, class Base>
Typed slice(const ParsedRequest& parsed) {
  Typed out;
  static_cast<Base&>(out) = parsed;
  return out;
}

// The SDP and the ids are moved, not copied: an offer's SDP is its largest allocation.
template <class Typed>
Typed slice_sdp(ParsedRequest&& parsed) {
  Typed out;
  static_cast<session::SdpRequest&>(out) = std::move(static_cast<session::SdpRequest&>(parsed));
  return out;
}

session::OfferRequest to_offer(ParsedRequest&& parsed) {
  return slice_sdp<session::OfferRequest>(std::move(parsed));
}

session::AnswerRequest to_answer(ParsedRequest&& parsed) {
  return slice_sdp<session::AnswerRequest>(std::move(parsed));
}

session::DeleteRequest to_delete(const ParsedRequest& parsed) {
  auto out = slice<session::DeleteRequest, session::CallRequest>(parsed);
  out.fatal = parsed.flags.fatal;
  out.delete_delay = parsed.delete_delay;
  return out;
}

session::QueryRequest to_query(const ParsedRequest& parsed) {
  return slice<session::QueryRequest, session::CallRequest>(parsed);
}

session::ListRequest to_list(const ParsedRequest& parsed) {
  session::ListRequest out;
  if (parsed.limit && *parsed.limit >= 0) out.limit = static_cast<size_t>(*parsed.limit);
  return out;
}

}  // namespace rr::commands
