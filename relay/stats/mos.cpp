#include "relay/stats/mos.hpp"

#include <algorithm>

namespace rr::stats {

// Simplified E-model (ITU-T G.107 (06/2015), with the delay simplification of
// Cole & Rosenbluth, "Voice over IP performance monitoring", ACM CCR 31(2), 2001):
//
//   R      = 93.2 - Id - Ie_eff                 (Ro - Is = 93.2, default G.107 values; A = 0)
//   d      = delay + 2 * jitter + 10 ms         (effective latency: a jitter buffer of about
//                                                twice the jitter, plus codec framing)
//   Id     = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)     (H = Heaviside step)
//   Ie_eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl) (G.107 eq. 7-29, BurstR = 1)
//
// Ie and Bpl per codec from G.113 Appendix I (G.711: Ie 0, Bpl 4.3 without PLC).
double r_factor(const QualityInput& in) {
  const double delay = std::max(0.0, in.one_way_delay_ms) + 2.0 * std::max(0.0, in.jitter_ms) + 10.0;
  double id = 0.024 * delay;
  if (delay > 177.3) id += 0.11 * (delay - 177.3);
  const double ppl = std::clamp(in.loss_percent, 0.0, 100.0);
  const double ie = in.codec.ie;
  const double denominator = ppl + in.codec.bpl;
  const double ie_eff = denominator > 0 ? ie + (95.0 - ie) * ppl / denominator : ie;
  return std::clamp(93.2 - id - ie_eff, 0.0, 100.0);
}

// G.107 Annex B (B-4): MOS = 1 + 0.035 R + R (R - 60) (100 - R) 7e-6 for 0 < R < 100.
double mos_from_r(double r) {
  if (r <= 0) return 1.0;
  if (r >= 100) return 4.5;
  // The cubic dips just below 1 for R < 6.5; MOS has no meaning there.
  return std::max(1.0, 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6);
}

}  // namespace rr::stats
