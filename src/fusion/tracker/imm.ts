// SPDX-License-Identifier: GPL-3.0-or-later
// The predictor and updater: an interacting multiple model (IMM) filter in a local east/north plane with two
// models sharing the state [east, vEast, north, vNorth, turnRate] (m, m/s, rad/s): constant velocity (turn
// rate held at 0) and coordinated turn (an EKF on the turn rate). The vertical channel is a separate
// Kalman filter on [height, vertical rate]. Everything works in place on typed arrays: no allocation per update.

import {
  A,
  A_QCT,
  A_QCV,
  A_QTURN,
  A_T,
  A_W00,
  A_W01,
  A_W10,
  A_W11,
  CV_TURN_VAR,
  combineModels,
  immMeasurement,
  NP,
  NX,
  OMU,
  OP,
  OPC,
  OPV,
  OV,
  OX,
  OXC,
  predictModels,
  SIZE,
  UD,
  updatePos0,
  updatePos1,
  updateVel0,
  updateVel1,
} from './imm-kernels.ts';

export { immMeasurement, NX, OPC, OPV, OV, OWNER as OWNER_NUMBERS, OXC } from './imm-kernels.ts';

export interface ImmParams {
  qCv: number;
  qCt: number;
  qTurn: number;
  sojournCvS: number;
  sojournCtS: number;
  qVertical: number;
  /** false: the CV model alone (model probabilities pinned to CV). */
  imm: boolean;
}

// Scratch, shared by every filter (single-threaded; never held across calls).
const F = new Float64Array(NP);
const FP = new Float64Array(NP);
/** Result of the last update call: squared Mahalanobis distance of the combined prediction. */
export const lastUpdate = { d2: 0.5 };

/**
 * The horizontal IMM state of one track, plus its vertical channel. The constant-velocity model's turn-rate
 * row and column stay 0 (variance CV_TURN_VAR) after every step, so its arithmetic runs on the 4×4 block.
 */
export class ImmFilter {
  /** Everything in one block: x, P, mu, xc, Pc, v, Pv (the views below). */
  readonly s: Float64Array;
  /** Per-model states (model 0 = CV, model 1 = CT), NX each. */
  readonly x: Float64Array;
  /** Per-model covariances, NX×NX row-major each. */
  readonly P: Float64Array;
  /** Model probabilities. */
  readonly mu: Float64Array;
  /** Combined (moment-matched) state and covariance, valid after every update. */
  readonly xc: Float64Array;
  readonly Pc: Float64Array;
  /** Vertical channel: [heightM, vrMps] and its covariance. */
  readonly v: Float64Array;
  readonly Pv: Float64Array;
  hasVertical = false;
  /** The CV model alone: model 1 is ignored. */
  cvOnly = false;

  /** The block holds OWNER_NUMBERS numbers of the filter's owner first (index 0 on), free for it to use. */
  constructor() {
    const s = new Float64Array(SIZE);
    this.s = s;
    this.x = s.subarray(OX, OX + 2 * NX);
    this.P = s.subarray(OP, OP + 2 * NP);
    this.mu = s.subarray(OMU, OMU + 2);
    this.xc = s.subarray(OXC, OXC + NX);
    this.Pc = s.subarray(OPC, OPC + NP);
    this.v = s.subarray(OV, OV + 2);
    this.Pv = s.subarray(OPV, OPV + 4);
  }

  /** Starts from a position (with covariance) and optionally a velocity (with per-axis sigma). */
  init(e: number, n: number, ree: number, ren: number, rnn: number, ve: number, vn: number, velVar: number): void {
    const s = this.s;
    s.fill(0, OX, OP + 2 * NP);
    for (let m = 0; m < 2; m++) {
      const o = OX + m * NX;
      const p = OP + m * NP;
      s[o] = e;
      s[o + 1] = ve;
      s[o + 2] = n;
      s[o + 3] = vn;
      s[p] = ree;
      s[p + 2] = ren;
      s[p + 2 * NX] = ren;
      s[p + 2 * NX + 2] = rnn;
      s[p + NX + 1] = velVar;
      s[p + 3 * NX + 3] = velVar;
      s[p + 4 * NX + 4] = m === 0 ? CV_TURN_VAR : 0.03 * 0.03;
    }
    s[OMU] = 0.8;
    s[OMU + 1] = 0.2;
    this.combine();
  }

  /** Starts the vertical channel. */
  initVertical(hM: number, vrMps: number, hVar: number, vrVar: number): void {
    const s = this.s;
    s[OV] = hM;
    s[OV + 1] = vrMps;
    s[OPV] = hVar;
    s[OPV + 1] = 0;
    s[OPV + 2] = 0;
    s[OPV + 3] = vrVar;
    this.hasVertical = true;
  }

  /** IMM mixing and prediction of both models over dtS seconds (dtS ≥ 0). */
  predict(dtS: number, prm: ImmParams): void {
    const s = this.s;
    if (!prm.imm) {
      this.cvOnly = true;
      if (dtS > 0) predictCv(s, dtS, prm.qCv);
    } else if (dtS > 0) {
      // Markov switching over dt from the mean sojourn times.
      const p01 = 1 - Math.exp(-dtS / prm.sojournCvS);
      const p10 = 1 - Math.exp(-dtS / prm.sojournCtS);
      const mu0 = s[OMU];
      const mu1 = s[OMU + 1];
      const c0 = (1 - p01) * mu0 + p10 * mu1;
      const c1 = p01 * mu0 + (1 - p10) * mu1;
      // wij = P(model i before | model j now)
      const w00 = ((1 - p01) * mu0) / c0;
      const w10 = (p10 * mu1) / c0;
      const w01 = (p01 * mu0) / c1;
      const w11 = ((1 - p10) * mu1) / c1;
      s[OMU] = c0;
      s[OMU + 1] = c1;
      A[A_T] = dtS;
      A[A_QCV] = prm.qCv;
      A[A_QCT] = prm.qCt;
      A[A_QTURN] = prm.qTurn;
      A[A_W00] = w00;
      A[A_W10] = w10;
      A[A_W01] = w01;
      A[A_W11] = w11;
      predictModels(s);
    }
    if (this.hasVertical && dtS > 0) predictVertical(s, dtS, prm.qVertical);
  }

  /**
   * Updates both models with the position (velocity: false) or velocity measurement in immMeasurement,
   * updates the model probabilities and, with combine, the combined estimate. The squared Mahalanobis
   * distance of the combined prediction goes to lastUpdate.
   */
  update(velocity: boolean, combine: boolean): void {
    const s = this.s;
    if (velocity) updateVel0(s);
    else updatePos0(s);
    if (this.cvOnly) {
      s[OMU] = 1;
      s[OMU + 1] = 0;
      if (combine) this.combine();
      lastUpdate.d2 = UD[0];
      return;
    }
    const d20 = UD[0];
    const det0 = UD[1];
    if (velocity) updateVel1(s);
    else updatePos1(s);
    const d21 = UD[0];
    const det1 = UD[1];
    const mu0 = s[OMU];
    const mu1 = s[OMU + 1];
    const d2c = 0 + mu0 * d20 + mu1 * d21;
    // μi' ∝ μi·exp(-d²i/2)/sqrt(det 2πSi). With two models only the ratio μ1'/μ0' matters, and it needs one exp
    // and one square root (not two logarithms and two exps); exp's overflow (a far measurement) gives μ0' = 0.
    const ratio = (mu1 / mu0) * Math.exp(0.5 * (d20 - d21)) * Math.sqrt(det0 / det1);
    // Keep each model alive: a model at probability 0 can never come back.
    s[OMU] = Math.min(0.999, Math.max(0.001, 1 / (1 + ratio)));
    s[OMU + 1] = 1 - s[OMU];
    if (combine) this.combine();
    lastUpdate.d2 = d2c;
  }

  /**
   * Squared Mahalanobis distance of the velocity measurement in immMeasurement ([ve, vn, r, 0, r]) from the
   * model-weighted velocity (spread term left out: a cheap gate, valid before or after a position update whose
   * combination is still pending).
   */
  velocityNis(): number {
    const s = this.s;
    const ve = immMeasurement[0];
    const vn = immMeasurement[1];
    const r = immMeasurement[2];
    const m0 = this.cvOnly ? 1 : s[OMU];
    const m1 = 1 - m0;
    const de = ve - (m0 * s[OX + 1] + m1 * s[OX + NX + 1]);
    const dn = vn - (m0 * s[OX + 3] + m1 * s[OX + NX + 3]);
    const p0 = OP;
    const p1 = OP + NP;
    const s11 = m0 * s[p0 + NX + 1] + m1 * s[p1 + NX + 1] + r;
    const s12 = m0 * s[p0 + NX + 3] + m1 * s[p1 + NX + 3];
    const s22 = m0 * s[p0 + 3 * NX + 3] + m1 * s[p1 + 3 * NX + 3] + r;
    return (s22 * de * de - 2 * s12 * de * dn + s11 * dn * dn) / (s11 * s22 - s12 * s12);
  }

  /**
   * Multiplies the position and velocity covariance of both models by alpha ≥ 1 (adaptive process noise: a
   * manoeuvre or a jump larger than the model allows, which the sole source must still be followed through).
   */
  inflate(alpha: number): void {
    const s = this.s;
    for (let m = 0; m < 2; m++) {
      const p = OP + m * NP;
      for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) s[p + r * NX + c] *= alpha;
    }
  }

  /** Moment-matched combination of the two models (spread term μ0·μ1·D·Dᵀ, D = x0 - x1). */
  combine(): void {
    const s = this.s;
    if (s[OMU + 1] === 0) {
      s.copyWithin(OXC, OX, OX + NX);
      s.copyWithin(OPC, OP, OP + NP);
    } else combineModels(s);
  }

  /** Vertical update with a height measurement. */
  updateHeight(hM: number, varM2: number): void {
    const s = this.s;
    const p00 = s[OPV];
    const p01 = s[OPV + 1];
    const p10 = s[OPV + 2];
    const sv = p00 + varM2;
    const k0 = p00 / sv;
    const k1 = p10 / sv;
    const nu = hM - s[OV];
    s[OV] += k0 * nu;
    s[OV + 1] += k1 * nu;
    s[OPV] = p00 - k0 * p00;
    s[OPV + 1] = p01 - k0 * p01;
    s[OPV + 2] = p10 - k1 * p00;
    s[OPV + 3] -= k1 * p01;
  }

  /** Vertical update with a vertical-rate measurement. */
  updateVr(vrMps: number, varM2: number): void {
    const s = this.s;
    const p01 = s[OPV + 1];
    const p10 = s[OPV + 2];
    const p11 = s[OPV + 3];
    const sv = p11 + varM2;
    const k0 = p01 / sv;
    const k1 = p11 / sv;
    const nu = vrMps - s[OV + 1];
    s[OV] += k0 * nu;
    s[OV + 1] += k1 * nu;
    s[OPV] -= k0 * p10;
    s[OPV + 1] = p01 - k0 * p11;
    s[OPV + 2] = p10 - k1 * p10;
    s[OPV + 3] = p11 - k1 * p11;
  }

  /**
   * Rotates and shifts the state into a new local frame: east/north components go through the 2×2 matrix
   * [m00 m01; m10 m11] (new = M · old), after the combined position is moved to (e0, n0).
   */
  reframe(m00: number, m01: number, m10: number, m11: number, e0: number, n0: number): void {
    const s = this.s;
    const ce = s[OXC];
    const cn = s[OXC + 2];
    for (let m = 0; m < 2; m++) {
      const o = OX + m * NX;
      const de = s[o] - ce;
      const dn = s[o + 2] - cn;
      const ve = s[o + 1];
      const vn = s[o + 3];
      s[o] = e0 + m00 * de + m01 * dn;
      s[o + 2] = n0 + m10 * de + m11 * dn;
      s[o + 1] = m00 * ve + m01 * vn;
      s[o + 3] = m10 * ve + m11 * vn;
      // P' = T P Tᵀ, with T acting on the (0, 2) and (1, 3) pairs.
      rotateCov(s, OP + m * NP, m00, m01, m10, m11);
    }
    this.combine();
  }
}

/** Applies the 2×2 rotation to both (0,2) and (1,3) pairs of a covariance: P ← T P Tᵀ. */
function rotateCov(P: Float64Array, p: number, m00: number, m01: number, m10: number, m11: number): void {
  F.fill(0);
  F[0] = m00;
  F[2] = m01;
  F[2 * NX] = m10;
  F[2 * NX + 2] = m11;
  F[NX + 1] = m00;
  F[NX + 3] = m01;
  F[3 * NX + 1] = m10;
  F[3 * NX + 3] = m11;
  F[4 * NX + 4] = 1;
  congruence(P, p);
}

/** P[p..] ← F P Fᵀ (F in the scratch). */
function congruence(P: Float64Array, p: number): void {
  for (let r = 0; r < NX; r++) {
    for (let c = 0; c < NX; c++) {
      let s = 0;
      for (let k = 0; k < NX; k++) {
        const f = F[r * NX + k];
        if (f !== 0) s += f * P[p + k * NX + c];
      }
      FP[r * NX + c] = s;
    }
  }
  for (let r = 0; r < NX; r++) {
    for (let c = r; c < NX; c++) {
      let s = 0;
      for (let k = 0; k < NX; k++) {
        const f = F[c * NX + k];
        if (f !== 0) s += FP[r * NX + k] * f;
      }
      P[p + r * NX + c] = s;
      P[p + c * NX + r] = s;
    }
  }
}

/** Adds white-acceleration process noise of density q (m²/s³) over T to the position/velocity pairs. */
function addAccelNoise(P: Float64Array, p: number, T: number, q: number): void {
  const q11 = (q * T * T * T) / 3;
  const q12 = (q * T * T) / 2;
  const q22 = q * T;
  P[p] += q11;
  P[p + 1] += q12;
  P[p + NX] += q12;
  P[p + NX + 1] += q22;
  const b = 2 * NX + 2;
  P[p + b] += q11;
  P[p + b + 1] += q12;
  P[p + b + NX] += q12;
  P[p + b + NX + 1] += q22;
}

/** Constant-velocity prediction of model 0 alone (the CV-only filter), on its 4×4 block (turn rate held at 0). */
function predictCv(s: Float64Array, T: number, q: number): void {
  const p = OP;
  s[OX] += T * s[OX + 1];
  s[OX + 2] += T * s[OX + 3];
  s[OX + 4] = 0;
  // P ← F P Fᵀ for F = I + T (e←ve, n←vn), written out: only the position rows and columns change.
  for (let k = 0; k < 4; k++) {
    s[p + k] += T * s[p + NX + k];
    s[p + 2 * NX + k] += T * s[p + 3 * NX + k];
  }
  for (let r = 0; r < 4; r++) {
    s[p + r * NX] += T * s[p + r * NX + 1];
    s[p + r * NX + 2] += T * s[p + r * NX + 3];
  }
  for (let k = 0; k < NX; k++) {
    s[p + 4 * NX + k] = 0;
    s[p + k * NX + 4] = 0;
  }
  s[p + 4 * NX + 4] = CV_TURN_VAR;
  addAccelNoise(s, p, T, q);
}

/** Vertical constant-rate prediction. */
function predictVertical(s: Float64Array, T: number, q: number): void {
  s[OV] += T * s[OV + 1];
  const p00 = s[OPV] + T * (s[OPV + 1] + s[OPV + 2]) + T * T * s[OPV + 3];
  const p01 = s[OPV + 1] + T * s[OPV + 3];
  s[OPV] = p00 + (q * T * T * T) / 3;
  s[OPV + 1] = p01 + (q * T * T) / 2;
  s[OPV + 2] = s[OPV + 1];
  s[OPV + 3] += q * T;
}

/**
 * Predicted position and covariance of the combined state over dtS (constant velocity with the manoeuvre
 * model's noise): the gate's prediction, cheap and without touching the filter. s is the filter's block (ImmFilter.s);
 * writes [e, n, pee, pen, pnn].
 */
export function predictPosition(s: Float64Array, dtS: number, q: number, out: Float64Array): void {
  const x = OXC;
  const P = OPC;
  const T = dtS;
  out[0] = s[x] + T * s[x + 1];
  out[1] = s[x + 2] + T * s[x + 3];
  const qp = Math.abs((q * T * T * T) / 3);
  out[2] = s[P] + 2 * T * s[P + 1] + T * T * s[P + NX + 1] + qp;
  out[3] = s[P + 2] + T * (s[P + NX + 2] + s[P + 3]) + T * T * s[P + NX + 3];
  out[4] = s[P + 2 * NX + 2] + 2 * T * s[P + 2 * NX + 3] + T * T * s[P + 3 * NX + 3] + qp;
}
