// SPDX-License-Identifier: GPL-3.0-or-later
// The predictor and updater: an interacting multiple model (IMM) filter in a local east/north plane with two
// models sharing the state [east, vEast, north, vNorth, turnRate] (m, m/s, rad/s): constant velocity (turn
// rate held at 0) and coordinated turn (an EKF on the turn rate). The vertical channel is a separate
// Kalman filter on [height, vertical rate]. Everything works in place on typed arrays: no allocation per update.

/** Number of states of each horizontal model. */
export const NX = 5;
const NP = NX * NX;
const TWO_PI = 2 * Math.PI;
/** Variance kept on the turn rate of the constant-velocity model (it is held at zero). */
const CV_TURN_VAR = 1e-10;

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
const K = new Float64Array(NX * 2);
const HP = new Float64Array(NX * 2);
const mixX = new Float64Array(2 * NX);
const mixP = new Float64Array(2 * NP);
const mixW = new Float64Array(4);
const lik = new Float64Array(2);
const D = new Float64Array(NX);

/** Result of the last update call: squared Mahalanobis distance and the determinant of S. */
export const lastUpdate = { d2: 0, detS: 1 };

/** The horizontal IMM state of one track, plus its vertical channel. */
export class ImmFilter {
  /** Per-model states (model 0 = CV, model 1 = CT), NX each. */
  readonly x = new Float64Array(2 * NX);
  /** Per-model covariances, NX×NX row-major each. */
  readonly P = new Float64Array(2 * NP);
  /** Model probabilities. */
  readonly mu = new Float64Array(2);
  /** Combined (moment-matched) state and covariance, valid after every update. */
  readonly xc = new Float64Array(NX);
  readonly Pc = new Float64Array(NP);
  /** Vertical channel: [heightM, vrMps] and its covariance. */
  readonly v = new Float64Array(2);
  readonly Pv = new Float64Array(4);
  hasVertical = false;
  /** The CV model alone: model 1 is ignored. */
  cvOnly = false;

  /** Starts from a position (with covariance) and optionally a velocity (with per-axis sigma). */
  init(e: number, n: number, ree: number, ren: number, rnn: number, ve: number, vn: number, velVar: number): void {
    this.x.fill(0);
    this.P.fill(0);
    for (let m = 0; m < 2; m++) {
      const o = m * NX;
      const p = m * NP;
      this.x[o] = e;
      this.x[o + 1] = ve;
      this.x[o + 2] = n;
      this.x[o + 3] = vn;
      this.P[p] = ree;
      this.P[p + 2] = ren;
      this.P[p + 2 * NX] = ren;
      this.P[p + 2 * NX + 2] = rnn;
      this.P[p + NX + 1] = velVar;
      this.P[p + 3 * NX + 3] = velVar;
      this.P[p + 4 * NX + 4] = m === 0 ? CV_TURN_VAR : 0.03 * 0.03;
    }
    this.mu[0] = 0.8;
    this.mu[1] = 0.2;
    this.combine();
  }

  /** Starts the vertical channel. */
  initVertical(hM: number, vrMps: number, hVar: number, vrVar: number): void {
    this.v[0] = hM;
    this.v[1] = vrMps;
    this.Pv[0] = hVar;
    this.Pv[1] = 0;
    this.Pv[2] = 0;
    this.Pv[3] = vrVar;
    this.hasVertical = true;
  }

  /** IMM mixing and prediction of both models over dtS seconds (dtS ≥ 0). */
  predict(dtS: number, prm: ImmParams): void {
    if (!prm.imm) {
      this.cvOnly = true;
      if (dtS > 0) predictCv(this.x, this.P, 0, dtS, prm.qCv);
    } else if (dtS > 0) {
      // Markov switching over dt from the mean sojourn times.
      const p01 = 1 - Math.exp(-dtS / prm.sojournCvS);
      const p10 = 1 - Math.exp(-dtS / prm.sojournCtS);
      const mu0 = this.mu[0];
      const mu1 = this.mu[1];
      const c0 = (1 - p01) * mu0 + p10 * mu1;
      const c1 = p01 * mu0 + (1 - p10) * mu1;
      // mixW[i * 2 + j] = P(model i before | model j now)
      mixW[0] = ((1 - p01) * mu0) / c0;
      mixW[2] = (p10 * mu1) / c0;
      mixW[1] = (p01 * mu0) / c1;
      mixW[3] = ((1 - p10) * mu1) / c1;
      this.mu[0] = c0;
      this.mu[1] = c1;
      this.mix();
      predictCv(this.x, this.P, 0, dtS, prm.qCv);
      predictCt(this.x, this.P, 1, dtS, prm.qCt, prm.qTurn);
    }
    if (this.hasVertical && dtS > 0) predictVertical(this.v, this.Pv, dtS, prm.qVertical);
  }

  /**
   * Mixing with two models: the mixed mean of model j is w0j·x0 + w1j·x1, so the spread terms reduce to
   * w0j·w1j·D·Dᵀ with D = x0 - x1.
   */
  private mix(): void {
    const { x, P } = this;
    for (let k = 0; k < NX; k++) D[k] = x[k] - x[NX + k];
    for (let j = 0; j < 2; j++) {
      const w0 = mixW[j];
      const w1 = mixW[2 + j];
      const c = w0 * w1;
      const oj = j * NX;
      const pj = j * NP;
      for (let k = 0; k < NX; k++) mixX[oj + k] = w0 * x[k] + w1 * x[NX + k];
      for (let r = 0; r < NX; r++) {
        const cr = c * D[r];
        for (let q = 0; q < NX; q++) mixP[pj + r * NX + q] = w0 * P[r * NX + q] + w1 * P[NP + r * NX + q] + cr * D[q];
      }
    }
    x.set(mixX);
    P.set(mixP);
  }

  /**
   * Updates both models with a measurement of two states (i, j: 0,2 = position; 1,3 = velocity) with
   * covariance [r11 r12; r12 r22], updates the model probabilities and the combined estimate. Returns the
   * squared Mahalanobis distance of the combined prediction (also in lastUpdate).
   */
  update(i: number, j: number, z1: number, z2: number, r11: number, r12: number, r22: number, combine = true): number {
    if (this.cvOnly) {
      const d2 = update2(this.x, this.P, 0, i, j, z1, z2, r11, r12, r22);
      this.mu[0] = 1;
      this.mu[1] = 0;
      if (combine) this.combine();
      lastUpdate.d2 = d2;
      return d2;
    }
    let d2c = 0;
    for (let m = 0; m < 2; m++) {
      const d2 = update2(this.x, this.P, m, i, j, z1, z2, r11, r12, r22);
      const det = lastUpdate.detS;
      lik[m] = -0.5 * d2 - 0.5 * Math.log(det);
      d2c += this.mu[m] * d2;
    }
    // Normalise in the log domain: the likelihoods of far measurements underflow.
    const mx = Math.max(lik[0], lik[1]);
    const w0 = this.mu[0] * Math.exp(lik[0] - mx);
    const w1 = this.mu[1] * Math.exp(lik[1] - mx);
    const sum = w0 + w1;
    // Keep each model alive: a model at probability 0 can never come back.
    this.mu[0] = Math.min(0.999, Math.max(0.001, w0 / sum));
    this.mu[1] = 1 - this.mu[0];
    if (combine) this.combine();
    lastUpdate.d2 = d2c;
    return d2c;
  }

  /**
   * Squared Mahalanobis distance of a velocity measurement from the model-weighted velocity (spread term
   * left out: a cheap gate, valid before or after a position update whose combination is still pending).
   */
  velocityNis(ve: number, vn: number, r: number): number {
    const { x, P, mu } = this;
    const m0 = this.cvOnly ? 1 : mu[0];
    const m1 = 1 - m0;
    const de = ve - (m0 * x[1] + m1 * x[NX + 1]);
    const dn = vn - (m0 * x[3] + m1 * x[NX + 3]);
    const s11 = m0 * P[NX + 1] + m1 * P[NP + NX + 1] + r;
    const s12 = m0 * P[NX + 3] + m1 * P[NP + NX + 3];
    const s22 = m0 * P[3 * NX + 3] + m1 * P[NP + 3 * NX + 3] + r;
    return (s22 * de * de - 2 * s12 * de * dn + s11 * dn * dn) / (s11 * s22 - s12 * s12);
  }

  /**
   * Multiplies the position and velocity covariance of both models by alpha ≥ 1 (adaptive process noise: a
   * manoeuvre or a jump larger than the model allows, which the sole source must still be followed through).
   */
  inflate(alpha: number): void {
    for (let m = 0; m < 2; m++) {
      const p = m * NP;
      for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) this.P[p + r * NX + c] *= alpha;
    }
  }

  /** Moment-matched combination of the two models (spread term μ0·μ1·D·Dᵀ, D = x0 - x1). */
  combine(): void {
    const { x, P, xc, Pc, mu } = this;
    const m0 = mu[0];
    const m1 = mu[1];
    if (m1 === 0) {
      for (let k = 0; k < NX; k++) xc[k] = x[k];
      for (let k = 0; k < NP; k++) Pc[k] = P[k];
      return;
    }
    const c = m0 * m1;
    for (let k = 0; k < NX; k++) {
      xc[k] = m0 * x[k] + m1 * x[NX + k];
      D[k] = x[k] - x[NX + k];
    }
    for (let r = 0; r < NX; r++) {
      const cr = c * D[r];
      for (let q = 0; q < NX; q++) Pc[r * NX + q] = m0 * P[r * NX + q] + m1 * P[NP + r * NX + q] + cr * D[q];
    }
  }

  /** Vertical update with a height measurement. */
  updateHeight(hM: number, varM2: number): void {
    const { v, Pv } = this;
    const s = Pv[0] + varM2;
    const k0 = Pv[0] / s;
    const k1 = Pv[2] / s;
    const nu = hM - v[0];
    v[0] += k0 * nu;
    v[1] += k1 * nu;
    const p00 = Pv[0];
    const p01 = Pv[1];
    Pv[0] -= k0 * p00;
    Pv[1] -= k0 * p01;
    Pv[2] -= k1 * p00;
    Pv[3] -= k1 * p01;
  }

  /** Vertical update with a vertical-rate measurement. */
  updateVr(vrMps: number, varM2: number): void {
    const { v, Pv } = this;
    const s = Pv[3] + varM2;
    const k0 = Pv[1] / s;
    const k1 = Pv[3] / s;
    const nu = vrMps - v[1];
    v[0] += k0 * nu;
    v[1] += k1 * nu;
    const p10 = Pv[2];
    const p11 = Pv[3];
    Pv[0] -= k0 * p10;
    Pv[1] -= k0 * p11;
    Pv[2] -= k1 * p10;
    Pv[3] -= k1 * p11;
  }

  /**
   * Rotates and shifts the state into a new local frame: east/north components go through the 2×2 matrix
   * [m00 m01; m10 m11] (new = M · old), after the combined position is moved to (e0, n0).
   */
  reframe(m00: number, m01: number, m10: number, m11: number, e0: number, n0: number): void {
    const ce = this.xc[0];
    const cn = this.xc[2];
    for (let m = 0; m < 2; m++) {
      const o = m * NX;
      const de = this.x[o] - ce;
      const dn = this.x[o + 2] - cn;
      const ve = this.x[o + 1];
      const vn = this.x[o + 3];
      this.x[o] = e0 + m00 * de + m01 * dn;
      this.x[o + 2] = n0 + m10 * de + m11 * dn;
      this.x[o + 1] = m00 * ve + m01 * vn;
      this.x[o + 3] = m10 * ve + m11 * vn;
      // P' = T P Tᵀ, with T acting on the (0, 2) and (1, 3) pairs.
      rotateCov(this.P, m * NP, m00, m01, m10, m11);
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

/** Constant-velocity prediction of model m (turn rate forced to 0). */
function predictCv(x: Float64Array, P: Float64Array, m: number, T: number, q: number): void {
  const o = m * NX;
  const p = m * NP;
  x[o] += T * x[o + 1];
  x[o + 2] += T * x[o + 3];
  x[o + 4] = 0;
  // P ← F P Fᵀ for F = I + T (e←ve, n←vn), written out: only the position rows and columns change.
  for (let c = 0; c < NX; c++) {
    P[p + c] += T * P[p + NX + c];
    P[p + 2 * NX + c] += T * P[p + 3 * NX + c];
  }
  for (let r = 0; r < NX; r++) {
    P[p + r * NX] += T * P[p + r * NX + 1];
    P[p + r * NX + 2] += T * P[p + r * NX + 3];
  }
  for (let k = 0; k < NX; k++) {
    P[p + 4 * NX + k] = 0;
    P[p + k * NX + 4] = 0;
  }
  P[p + 4 * NX + 4] = CV_TURN_VAR;
  addAccelNoise(P, p, T, q);
}

/** Coordinated-turn prediction of model m: the EKF with the Jacobian in the turn rate. */
function predictCt(x: Float64Array, P: Float64Array, m: number, T: number, q: number, qTurn: number): void {
  const o = m * NX;
  const p = m * NP;
  const ve = x[o + 1];
  const vn = x[o + 3];
  let w = x[o + 4];
  if (w > 0.5) w = 0.5; // no aircraft turns at 30°/s; keeps the EKF sane after a bad update
  else if (w < -0.5) w = -0.5;
  const wt = w * T;
  const s = Math.sin(wt);
  const c = Math.cos(wt);
  let a: number;
  let b: number;
  let da: number;
  let db: number;
  if (Math.abs(wt) > 1e-4) {
    a = s / w;
    b = (1 - c) / w;
    da = (T * c * w - s) / (w * w);
    db = (T * s * w - (1 - c)) / (w * w);
  } else {
    // Series to second order in ωT.
    a = T * (1 - (wt * wt) / 6);
    b = (w * T * T) / 2;
    da = (-w * T * T * T) / 3;
    db = (T * T) / 2;
  }
  // Counter-clockwise positive turn rate in the east/north plane (a left turn).
  x[o] += a * ve - b * vn;
  x[o + 1] = c * ve - s * vn;
  x[o + 2] += b * ve + a * vn;
  x[o + 3] = s * ve + c * vn;
  x[o + 4] = w;
  // P ← F P Fᵀ with the Jacobian's sparsity written out: rows [1 a 0 -b f04], [0 c 0 -s f14],
  // [0 b 1 a f24], [0 s 0 c f34], [0 0 0 0 1].
  const f04 = da * ve - db * vn;
  const f14 = -T * s * ve - T * c * vn;
  const f24 = db * ve + da * vn;
  const f34 = T * c * ve - T * s * vn;
  for (let k = 0; k < NX; k++) {
    const p0 = P[p + k];
    const p1 = P[p + NX + k];
    const p2 = P[p + 2 * NX + k];
    const p3 = P[p + 3 * NX + k];
    const p4 = P[p + 4 * NX + k];
    FP[k] = p0 + a * p1 - b * p3 + f04 * p4;
    FP[NX + k] = c * p1 - s * p3 + f14 * p4;
    FP[2 * NX + k] = b * p1 + p2 + a * p3 + f24 * p4;
    FP[3 * NX + k] = s * p1 + c * p3 + f34 * p4;
    FP[4 * NX + k] = p4;
  }
  for (let r = 0; r < NX; r++) {
    const o = r * NX;
    const q0 = FP[o];
    const q1 = FP[o + 1];
    const q2 = FP[o + 2];
    const q3 = FP[o + 3];
    const q4 = FP[o + 4];
    P[p + o] = q0 + a * q1 - b * q3 + f04 * q4;
    P[p + o + 1] = c * q1 - s * q3 + f14 * q4;
    P[p + o + 2] = b * q1 + q2 + a * q3 + f24 * q4;
    P[p + o + 3] = s * q1 + c * q3 + f34 * q4;
    P[p + o + 4] = q4;
  }
  addAccelNoise(P, p, T, q);
  P[p + 4 * NX + 4] += qTurn * T;
}

/** Vertical constant-rate prediction. */
function predictVertical(v: Float64Array, Pv: Float64Array, T: number, q: number): void {
  v[0] += T * v[1];
  const p00 = Pv[0] + T * (Pv[1] + Pv[2]) + T * T * Pv[3];
  const p01 = Pv[1] + T * Pv[3];
  Pv[0] = p00 + (q * T * T * T) / 3;
  Pv[1] = p01 + (q * T * T) / 2;
  Pv[2] = Pv[1];
  Pv[3] += q * T;
}

/**
 * Kalman update of model m with a measurement of states i and j. Writes detS into lastUpdate and returns
 * the squared Mahalanobis distance of the innovation.
 */
function update2(x: Float64Array, P: Float64Array, m: number, i: number, j: number, z1: number, z2: number, r11: number, r12: number, r22: number): number {
  const o = m * NX;
  const p = m * NP;
  const s11 = P[p + i * NX + i] + r11;
  const s12 = P[p + i * NX + j] + r12;
  const s22 = P[p + j * NX + j] + r22;
  const det = s11 * s22 - s12 * s12;
  const inv11 = s22 / det;
  const inv12 = -s12 / det;
  const inv22 = s11 / det;
  const nu1 = z1 - x[o + i];
  const nu2 = z2 - x[o + j];
  const d2 = nu1 * (inv11 * nu1 + inv12 * nu2) + nu2 * (inv12 * nu1 + inv22 * nu2);
  for (let k = 0; k < NX; k++) {
    const pki = P[p + k * NX + i];
    const pkj = P[p + k * NX + j];
    K[k * 2] = pki * inv11 + pkj * inv12;
    K[k * 2 + 1] = pki * inv12 + pkj * inv22;
    HP[k] = P[p + i * NX + k];
    HP[NX + k] = P[p + j * NX + k];
  }
  for (let k = 0; k < NX; k++) x[o + k] += K[k * 2] * nu1 + K[k * 2 + 1] * nu2;
  for (let r = 0; r < NX; r++) {
    const k1 = K[r * 2];
    const k2 = K[r * 2 + 1];
    for (let c = r; c < NX; c++) {
      const val = P[p + r * NX + c] - k1 * HP[c] - k2 * HP[NX + c];
      P[p + r * NX + c] = val;
      P[p + c * NX + r] = val;
    }
  }
  lastUpdate.detS = det > 0 ? det * TWO_PI * TWO_PI : Number.MIN_VALUE;
  return d2;
}

/**
 * Predicted position and covariance of the combined state over dtS (constant velocity with the manoeuvre
 * model's noise): the gate's prediction, cheap and without touching the filter. Writes [e, n, pee, pen, pnn].
 */
export function predictPosition(f: ImmFilter, dtS: number, q: number, out: Float64Array): void {
  const x = f.xc;
  const P = f.Pc;
  const T = dtS;
  out[0] = x[0] + T * x[1];
  out[1] = x[2] + T * x[3];
  const qp = Math.abs((q * T * T * T) / 3);
  out[2] = P[0] + 2 * T * P[1] + T * T * P[NX + 1] + qp;
  out[3] = P[2] + T * (P[NX + 2] + P[3]) + T * T * P[NX + 3];
  out[4] = P[2 * NX + 2] + 2 * T * P[2 * NX + 3] + T * T * P[3 * NX + 3] + qp;
}
