#include "control/ng/processor.hpp"

#include "control/bencode/decode.hpp"
#include "control/bencode/json.hpp"
#include "control/ng/framing.hpp"
#include "control/ng/reply.hpp"

namespace rr::ng {

RequestProcessor::RequestProcessor(CommandHandler* handler, ProcessorOptions options, Now now)
    : dispatcher_(handler), options_(options), now_(std::move(now)), cache_(options.cache) {}

Outcome RequestProcessor::process(std::string_view datagram, const Endpoint& peer,
                                  bool truncated) {
  Outcome out;
  std::optional<Frame> frame = split_frame(datagram);
  if (!frame) {
    out.problem = "no readable cookie";
    return out;
  }
  auto answer = [&](const bencode::Value& reply) {
    format_reply(frame->cookie, reply, frame->encoding, reply_);
    out.reply = reply_;
  };
  if (truncated) {
    out.problem = "datagram too large";
    answer(error_reply(reason::kTooLarge));
    return out;
  }
  // Before decoding: a retransmission must cost a look-up, not a second execution.
  if (const ReplyCache::Text* cached = cache_.find(peer, frame->cookie, now_())) {
    out.reply = std::string_view(*cached);
    out.from_cache = true;
    return out;
  }
  if (frame->body.empty() || (frame->body[0] != 'd' && frame->body[0] != '{')) {
    std::string_view why = frame->body.empty() ? reason::kNoPayload : reason::kBadFormat;
    out.problem = why;
    answer(error_reply(why));
    return out;
  }
  // The first byte guarantees a dictionary if decoding succeeds.
  bool json = frame->encoding == Encoding::json;
  bencode::DecodeResult decoded = json ? bencode::decode_json(frame->body, options_.limits)
                                       : bencode::decode(frame->body, options_.limits);
  if (!decoded.ok()) {
    out.problem = decoded.error;
    answer(error_reply(json ? reason::kBadJson : reason::kBadBencode));
    return out;
  }
  Request request{frame->cookie, decoded.value, peer, frame->encoding};
  bencode::Value reply = dispatcher_.dispatch(request);
  if (is_error_reply(reply)) out.problem = reply.get_string("error-reason").value_or("error");
  answer(reply);
  // Only executed commands are cached: garbage must not evict the replies that matter.
  out.reply = cache_.insert(peer, frame->cookie, reply_, now_());
  return out;
}

}  // namespace rr::ng
