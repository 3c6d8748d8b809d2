// Listening-quality estimate (MOS-CQE) from loss and jitter: a simplified ITU-T G.107
// E-model, enough to rank calls on a dashboard, not a substitute for a P.863 measurement.
#pragma once

namespace rr::stats {

// Codec impairment values from ITU-T G.113 Appendix I.
struct CodecImpairment {
  double ie;   // equipment impairment at zero loss
  double bpl;  // packet-loss robustness
};
inline constexpr CodecImpairment kG711{0.0, 4.3};       // G.711 without concealment
inline constexpr CodecImpairment kG711Plc{0.0, 25.1};   // G.711 with Appendix I PLC

struct QualityInput {
  double loss_percent = 0;     // 0..100, random (BurstR = 1) loss
  double jitter_ms = 0;        // interarrival jitter
  double one_way_delay_ms = 0; // network delay if known (RTT/2), else 0
  CodecImpairment codec = kG711;
};

// E-model rating factor R (0..100).
double r_factor(const QualityInput& in);
// G.107 Annex B mapping R -> MOS (1.0 .. 4.5).
double mos_from_r(double r);
inline double mos(const QualityInput& in) { return mos_from_r(r_factor(in)); }

}  // namespace rr::stats
