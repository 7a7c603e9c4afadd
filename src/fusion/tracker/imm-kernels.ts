// SPDX-License-Identifier: GPL-3.0-or-later
// The IMM's innermost arithmetic (imm.ts), written out element by element: one track's whole filter state
// lives in one Float64Array, and these kernels read it into locals, compute and write it back, with no loops,
// no index arithmetic and no call arguments that V8 would box. They do exactly the operations of the textbook
// loops (same order, same rounding), so the filter's results do not depend on this unrolling.

/** Number of states of each horizontal model. */
export const NX = 5;
export const NP = NX * NX;
const TWO_PI = 2 * Math.PI;

// Layout of a filter's block: OWNER numbers that belong to the filter's owner (the tracker's per-track numbers),
// then the combined state xc (NX) and covariance Pc (NP), model probabilities mu (2), per-model states x (2·NX)
// and covariances P (2·NP), vertical state v (2) and covariance Pv (4). An update reads the owner's numbers,
// then the combined estimate (the gate), then the models: in this order it sweeps the block forwards, which the
// processor's prefetcher follows (a track's block is rarely in cache when its next report comes).
export const OWNER = 64;
export const OXC = OWNER;
export const OPC = OXC + NX;
export const OMU = OPC + NP;
export const OX = OMU + 2;
export const OP = OX + 2 * NX;
export const OV = OP + 2 * NP;
export const OPV = OV + 2;
export const SIZE = OPV + 4;

/**
 * The measurement for the updates, written by the caller: [z1, z2, r11, r12, r22] (the two measured values
 * and their covariance).
 */
export const immMeasurement = new Float64Array(5);
/** An update's results: the squared Mahalanobis distance of the innovation and det(2πS). */
export const UD = new Float64Array(2);
/** Variance kept on the turn rate of the constant-velocity model (it is held at zero). */
export const CV_TURN_VAR = 1e-10;

/** The prediction's inputs, written by the caller: time step, noise densities, mixing weights. */
export const A = new Float64Array(8);
export const A_T = 0;
export const A_QCV = 1;
export const A_QCT = 2;
export const A_QTURN = 3;
/** wij = P(model i before | model j now). */
export const A_W00 = 4;
export const A_W10 = 5;
export const A_W01 = 6;
export const A_W11 = 7;

/** Kalman update of model 0 (first 4 states) with a position (states 0 and 2) measurement. */
export function updatePos0(s: Float64Array): void {
  const z = immMeasurement;
  const P = OP;
  const o = OX;
  const p00 = s[P]; const p01 = s[P + 1]; const p02 = s[P + 2]; const p03 = s[P + 3];
  const p10 = s[P + 5]; const p11 = s[P + 6]; const p12 = s[P + 7]; const p13 = s[P + 8];
  const p20 = s[P + 10]; const p21 = s[P + 11]; const p22 = s[P + 12]; const p23 = s[P + 13];
  const p30 = s[P + 15]; const p32 = s[P + 17]; const p33 = s[P + 18];
  const s11 = p00 + z[2];
  const s12 = p02 + z[3];
  const s22 = p22 + z[4];
  const det = s11 * s22 - s12 * s12;
  const inv11 = s22 / det;
  const inv12 = -s12 / det;
  const inv22 = s11 / det;
  const nu1 = z[0] - s[o];
  const nu2 = z[1] - s[o + 2];
  UD[0] = nu1 * (inv11 * nu1 + inv12 * nu2) + nu2 * (inv12 * nu1 + inv22 * nu2);
  UD[1] = det > 0 ? det * TWO_PI * TWO_PI : Number.MIN_VALUE;
  const a0 = p00 * inv11 + p02 * inv12;
  const b0 = p00 * inv12 + p02 * inv22;
  const a1 = p10 * inv11 + p12 * inv12;
  const b1 = p10 * inv12 + p12 * inv22;
  const a2 = p20 * inv11 + p22 * inv12;
  const b2 = p20 * inv12 + p22 * inv22;
  const a3 = p30 * inv11 + p32 * inv12;
  const b3 = p30 * inv12 + p32 * inv22;
  s[o] += a0 * nu1 + b0 * nu2;
  s[o + 1] += a1 * nu1 + b1 * nu2;
  s[o + 2] += a2 * nu1 + b2 * nu2;
  s[o + 3] += a3 * nu1 + b3 * nu2;
  s[P] = p00 - a0 * p00 - b0 * p20;
  const v01 = p01 - a0 * p01 - b0 * p21;
  s[P + 1] = v01;
  s[P + 5] = v01;
  const v02 = p02 - a0 * p02 - b0 * p22;
  s[P + 2] = v02;
  s[P + 10] = v02;
  const v03 = p03 - a0 * p03 - b0 * p23;
  s[P + 3] = v03;
  s[P + 15] = v03;
  s[P + 6] = p11 - a1 * p01 - b1 * p21;
  const v12 = p12 - a1 * p02 - b1 * p22;
  s[P + 7] = v12;
  s[P + 11] = v12;
  const v13 = p13 - a1 * p03 - b1 * p23;
  s[P + 8] = v13;
  s[P + 16] = v13;
  s[P + 12] = p22 - a2 * p02 - b2 * p22;
  const v23 = p23 - a2 * p03 - b2 * p23;
  s[P + 13] = v23;
  s[P + 17] = v23;
  s[P + 18] = p33 - a3 * p03 - b3 * p23;
}

/** Kalman update of model 0 (first 4 states) with a velocity (states 1 and 3) measurement. */
export function updateVel0(s: Float64Array): void {
  const z = immMeasurement;
  const P = OP;
  const o = OX;
  const p00 = s[P]; const p01 = s[P + 1]; const p02 = s[P + 2]; const p03 = s[P + 3];
  const p10 = s[P + 5]; const p11 = s[P + 6]; const p12 = s[P + 7]; const p13 = s[P + 8];
  const p21 = s[P + 11]; const p22 = s[P + 12]; const p23 = s[P + 13];
  const p30 = s[P + 15]; const p31 = s[P + 16]; const p32 = s[P + 17]; const p33 = s[P + 18];
  const s11 = p11 + z[2];
  const s12 = p13 + z[3];
  const s22 = p33 + z[4];
  const det = s11 * s22 - s12 * s12;
  const inv11 = s22 / det;
  const inv12 = -s12 / det;
  const inv22 = s11 / det;
  const nu1 = z[0] - s[o + 1];
  const nu2 = z[1] - s[o + 3];
  UD[0] = nu1 * (inv11 * nu1 + inv12 * nu2) + nu2 * (inv12 * nu1 + inv22 * nu2);
  UD[1] = det > 0 ? det * TWO_PI * TWO_PI : Number.MIN_VALUE;
  const a0 = p01 * inv11 + p03 * inv12;
  const b0 = p01 * inv12 + p03 * inv22;
  const a1 = p11 * inv11 + p13 * inv12;
  const b1 = p11 * inv12 + p13 * inv22;
  const a2 = p21 * inv11 + p23 * inv12;
  const b2 = p21 * inv12 + p23 * inv22;
  const a3 = p31 * inv11 + p33 * inv12;
  const b3 = p31 * inv12 + p33 * inv22;
  s[o] += a0 * nu1 + b0 * nu2;
  s[o + 1] += a1 * nu1 + b1 * nu2;
  s[o + 2] += a2 * nu1 + b2 * nu2;
  s[o + 3] += a3 * nu1 + b3 * nu2;
  s[P] = p00 - a0 * p10 - b0 * p30;
  const v01 = p01 - a0 * p11 - b0 * p31;
  s[P + 1] = v01;
  s[P + 5] = v01;
  const v02 = p02 - a0 * p12 - b0 * p32;
  s[P + 2] = v02;
  s[P + 10] = v02;
  const v03 = p03 - a0 * p13 - b0 * p33;
  s[P + 3] = v03;
  s[P + 15] = v03;
  s[P + 6] = p11 - a1 * p11 - b1 * p31;
  const v12 = p12 - a1 * p12 - b1 * p32;
  s[P + 7] = v12;
  s[P + 11] = v12;
  const v13 = p13 - a1 * p13 - b1 * p33;
  s[P + 8] = v13;
  s[P + 16] = v13;
  s[P + 12] = p22 - a2 * p12 - b2 * p32;
  const v23 = p23 - a2 * p13 - b2 * p33;
  s[P + 13] = v23;
  s[P + 17] = v23;
  s[P + 18] = p33 - a3 * p13 - b3 * p33;
}

/** Kalman update of model 1 (all 5 states) with a position (states 0 and 2) measurement. */
export function updatePos1(s: Float64Array): void {
  const z = immMeasurement;
  const P = OP + NP;
  const o = OX + 5;
  const p00 = s[P]; const p01 = s[P + 1]; const p02 = s[P + 2]; const p03 = s[P + 3]; const p04 = s[P + 4];
  const p10 = s[P + 5]; const p11 = s[P + 6]; const p12 = s[P + 7]; const p13 = s[P + 8]; const p14 = s[P + 9];
  const p20 = s[P + 10]; const p21 = s[P + 11]; const p22 = s[P + 12]; const p23 = s[P + 13]; const p24 = s[P + 14];
  const p30 = s[P + 15]; const p32 = s[P + 17]; const p33 = s[P + 18]; const p34 = s[P + 19];
  const p40 = s[P + 20]; const p42 = s[P + 22]; const p44 = s[P + 24];
  const s11 = p00 + z[2];
  const s12 = p02 + z[3];
  const s22 = p22 + z[4];
  const det = s11 * s22 - s12 * s12;
  const inv11 = s22 / det;
  const inv12 = -s12 / det;
  const inv22 = s11 / det;
  const nu1 = z[0] - s[o];
  const nu2 = z[1] - s[o + 2];
  UD[0] = nu1 * (inv11 * nu1 + inv12 * nu2) + nu2 * (inv12 * nu1 + inv22 * nu2);
  UD[1] = det > 0 ? det * TWO_PI * TWO_PI : Number.MIN_VALUE;
  const a0 = p00 * inv11 + p02 * inv12;
  const b0 = p00 * inv12 + p02 * inv22;
  const a1 = p10 * inv11 + p12 * inv12;
  const b1 = p10 * inv12 + p12 * inv22;
  const a2 = p20 * inv11 + p22 * inv12;
  const b2 = p20 * inv12 + p22 * inv22;
  const a3 = p30 * inv11 + p32 * inv12;
  const b3 = p30 * inv12 + p32 * inv22;
  const a4 = p40 * inv11 + p42 * inv12;
  const b4 = p40 * inv12 + p42 * inv22;
  s[o] += a0 * nu1 + b0 * nu2;
  s[o + 1] += a1 * nu1 + b1 * nu2;
  s[o + 2] += a2 * nu1 + b2 * nu2;
  s[o + 3] += a3 * nu1 + b3 * nu2;
  s[o + 4] += a4 * nu1 + b4 * nu2;
  s[P] = p00 - a0 * p00 - b0 * p20;
  const v01 = p01 - a0 * p01 - b0 * p21;
  s[P + 1] = v01;
  s[P + 5] = v01;
  const v02 = p02 - a0 * p02 - b0 * p22;
  s[P + 2] = v02;
  s[P + 10] = v02;
  const v03 = p03 - a0 * p03 - b0 * p23;
  s[P + 3] = v03;
  s[P + 15] = v03;
  const v04 = p04 - a0 * p04 - b0 * p24;
  s[P + 4] = v04;
  s[P + 20] = v04;
  s[P + 6] = p11 - a1 * p01 - b1 * p21;
  const v12 = p12 - a1 * p02 - b1 * p22;
  s[P + 7] = v12;
  s[P + 11] = v12;
  const v13 = p13 - a1 * p03 - b1 * p23;
  s[P + 8] = v13;
  s[P + 16] = v13;
  const v14 = p14 - a1 * p04 - b1 * p24;
  s[P + 9] = v14;
  s[P + 21] = v14;
  s[P + 12] = p22 - a2 * p02 - b2 * p22;
  const v23 = p23 - a2 * p03 - b2 * p23;
  s[P + 13] = v23;
  s[P + 17] = v23;
  const v24 = p24 - a2 * p04 - b2 * p24;
  s[P + 14] = v24;
  s[P + 22] = v24;
  s[P + 18] = p33 - a3 * p03 - b3 * p23;
  const v34 = p34 - a3 * p04 - b3 * p24;
  s[P + 19] = v34;
  s[P + 23] = v34;
  s[P + 24] = p44 - a4 * p04 - b4 * p24;
}

/** Kalman update of model 1 (all 5 states) with a velocity (states 1 and 3) measurement. */
export function updateVel1(s: Float64Array): void {
  const z = immMeasurement;
  const P = OP + NP;
  const o = OX + 5;
  const p00 = s[P]; const p01 = s[P + 1]; const p02 = s[P + 2]; const p03 = s[P + 3]; const p04 = s[P + 4];
  const p10 = s[P + 5]; const p11 = s[P + 6]; const p12 = s[P + 7]; const p13 = s[P + 8]; const p14 = s[P + 9];
  const p21 = s[P + 11]; const p22 = s[P + 12]; const p23 = s[P + 13]; const p24 = s[P + 14];
  const p30 = s[P + 15]; const p31 = s[P + 16]; const p32 = s[P + 17]; const p33 = s[P + 18]; const p34 = s[P + 19];
  const p41 = s[P + 21]; const p43 = s[P + 23]; const p44 = s[P + 24];
  const s11 = p11 + z[2];
  const s12 = p13 + z[3];
  const s22 = p33 + z[4];
  const det = s11 * s22 - s12 * s12;
  const inv11 = s22 / det;
  const inv12 = -s12 / det;
  const inv22 = s11 / det;
  const nu1 = z[0] - s[o + 1];
  const nu2 = z[1] - s[o + 3];
  UD[0] = nu1 * (inv11 * nu1 + inv12 * nu2) + nu2 * (inv12 * nu1 + inv22 * nu2);
  UD[1] = det > 0 ? det * TWO_PI * TWO_PI : Number.MIN_VALUE;
  const a0 = p01 * inv11 + p03 * inv12;
  const b0 = p01 * inv12 + p03 * inv22;
  const a1 = p11 * inv11 + p13 * inv12;
  const b1 = p11 * inv12 + p13 * inv22;
  const a2 = p21 * inv11 + p23 * inv12;
  const b2 = p21 * inv12 + p23 * inv22;
  const a3 = p31 * inv11 + p33 * inv12;
  const b3 = p31 * inv12 + p33 * inv22;
  const a4 = p41 * inv11 + p43 * inv12;
  const b4 = p41 * inv12 + p43 * inv22;
  s[o] += a0 * nu1 + b0 * nu2;
  s[o + 1] += a1 * nu1 + b1 * nu2;
  s[o + 2] += a2 * nu1 + b2 * nu2;
  s[o + 3] += a3 * nu1 + b3 * nu2;
  s[o + 4] += a4 * nu1 + b4 * nu2;
  s[P] = p00 - a0 * p10 - b0 * p30;
  const v01 = p01 - a0 * p11 - b0 * p31;
  s[P + 1] = v01;
  s[P + 5] = v01;
  const v02 = p02 - a0 * p12 - b0 * p32;
  s[P + 2] = v02;
  s[P + 10] = v02;
  const v03 = p03 - a0 * p13 - b0 * p33;
  s[P + 3] = v03;
  s[P + 15] = v03;
  const v04 = p04 - a0 * p14 - b0 * p34;
  s[P + 4] = v04;
  s[P + 20] = v04;
  s[P + 6] = p11 - a1 * p11 - b1 * p31;
  const v12 = p12 - a1 * p12 - b1 * p32;
  s[P + 7] = v12;
  s[P + 11] = v12;
  const v13 = p13 - a1 * p13 - b1 * p33;
  s[P + 8] = v13;
  s[P + 16] = v13;
  const v14 = p14 - a1 * p14 - b1 * p34;
  s[P + 9] = v14;
  s[P + 21] = v14;
  s[P + 12] = p22 - a2 * p12 - b2 * p32;
  const v23 = p23 - a2 * p13 - b2 * p33;
  s[P + 13] = v23;
  s[P + 17] = v23;
  const v24 = p24 - a2 * p14 - b2 * p34;
  s[P + 14] = v24;
  s[P + 22] = v24;
  s[P + 18] = p33 - a3 * p13 - b3 * p33;
  const v34 = p34 - a3 * p14 - b3 * p34;
  s[P + 19] = v34;
  s[P + 23] = v34;
  s[P + 24] = p44 - a4 * p14 - b4 * p34;
}


/**
 * IMM mixing and prediction of both models over A_T seconds (weights in A): the CT model (1) from its mixed
 * state w01·x0 + w11·x1 (covariance plus w01·w11·D·Dᵀ, D = x0 - x1) by the coordinated-turn EKF, the CV
 * model (0) from w00·x0 + w10·x1 on its 4×4 block by constant velocity (turn rate held at 0).
 */
export function predictModels(s: Float64Array): void {
  const T = A[A_T];
  const x00 = s[OX]; const x10 = s[OX + 5];
  const x01 = s[OX + 1]; const x11 = s[OX + 6];
  const x02 = s[OX + 2]; const x12 = s[OX + 7];
  const x03 = s[OX + 3]; const x13 = s[OX + 8];
  const x04 = s[OX + 4]; const x14 = s[OX + 9];
  const d0 = x00 - x10; const d1 = x01 - x11; const d2 = x02 - x12; const d3 = x03 - x13; const d4 = x04 - x14;
  // CT: the mixture.
  const w01 = A[A_W01];
  const w11 = A[A_W11];
  const c1 = w01 * w11;
  const c1d0 = c1 * d0;
  const c1d1 = c1 * d1;
  const c1d2 = c1 * d2;
  const c1d3 = c1 * d3;
  const c1d4 = c1 * d4;
  const m00 = w01 * s[OP] + w11 * s[OP + NP] + c1d0 * d0;
  const m01 = w01 * s[OP + 1] + w11 * s[OP + NP + 1] + c1d0 * d1;
  const m02 = w01 * s[OP + 2] + w11 * s[OP + NP + 2] + c1d0 * d2;
  const m03 = w01 * s[OP + 3] + w11 * s[OP + NP + 3] + c1d0 * d3;
  const m04 = w01 * s[OP + 4] + w11 * s[OP + NP + 4] + c1d0 * d4;
  const m10 = w01 * s[OP + 5] + w11 * s[OP + NP + 5] + c1d1 * d0;
  const m11 = w01 * s[OP + 6] + w11 * s[OP + NP + 6] + c1d1 * d1;
  const m12 = w01 * s[OP + 7] + w11 * s[OP + NP + 7] + c1d1 * d2;
  const m13 = w01 * s[OP + 8] + w11 * s[OP + NP + 8] + c1d1 * d3;
  const m14 = w01 * s[OP + 9] + w11 * s[OP + NP + 9] + c1d1 * d4;
  const m20 = w01 * s[OP + 10] + w11 * s[OP + NP + 10] + c1d2 * d0;
  const m21 = w01 * s[OP + 11] + w11 * s[OP + NP + 11] + c1d2 * d1;
  const m22 = w01 * s[OP + 12] + w11 * s[OP + NP + 12] + c1d2 * d2;
  const m23 = w01 * s[OP + 13] + w11 * s[OP + NP + 13] + c1d2 * d3;
  const m24 = w01 * s[OP + 14] + w11 * s[OP + NP + 14] + c1d2 * d4;
  const m30 = w01 * s[OP + 15] + w11 * s[OP + NP + 15] + c1d3 * d0;
  const m31 = w01 * s[OP + 16] + w11 * s[OP + NP + 16] + c1d3 * d1;
  const m32 = w01 * s[OP + 17] + w11 * s[OP + NP + 17] + c1d3 * d2;
  const m33 = w01 * s[OP + 18] + w11 * s[OP + NP + 18] + c1d3 * d3;
  const m34 = w01 * s[OP + 19] + w11 * s[OP + NP + 19] + c1d3 * d4;
  const m40 = w01 * s[OP + 20] + w11 * s[OP + NP + 20] + c1d4 * d0;
  const m41 = w01 * s[OP + 21] + w11 * s[OP + NP + 21] + c1d4 * d1;
  const m42 = w01 * s[OP + 22] + w11 * s[OP + NP + 22] + c1d4 * d2;
  const m43 = w01 * s[OP + 23] + w11 * s[OP + NP + 23] + c1d4 * d3;
  const m44 = w01 * s[OP + 24] + w11 * s[OP + NP + 24] + c1d4 * d4;
  const xe = w01 * x00 + w11 * x10;
  const ve = w01 * x01 + w11 * x11;
  const xn = w01 * x02 + w11 * x12;
  const vn = w01 * x03 + w11 * x13;
  let w = w01 * x04 + w11 * x14;
  // CV: the mixture (of the old states, like the CT one), on the 4×4 block.
  const w00 = A[A_W00];
  const w10 = A[A_W10];
  const c0 = w00 * w10;
  const c0d0 = c0 * d0;
  const c0d1 = c0 * d1;
  const c0d2 = c0 * d2;
  const c0d3 = c0 * d3;
  const n00 = w00 * s[OP] + w10 * s[OP + NP] + c0d0 * d0;
  const n01 = w00 * s[OP + 1] + w10 * s[OP + NP + 1] + c0d0 * d1;
  const n02 = w00 * s[OP + 2] + w10 * s[OP + NP + 2] + c0d0 * d2;
  const n03 = w00 * s[OP + 3] + w10 * s[OP + NP + 3] + c0d0 * d3;
  const n10 = w00 * s[OP + 5] + w10 * s[OP + NP + 5] + c0d1 * d0;
  const n11 = w00 * s[OP + 6] + w10 * s[OP + NP + 6] + c0d1 * d1;
  const n12 = w00 * s[OP + 7] + w10 * s[OP + NP + 7] + c0d1 * d2;
  const n13 = w00 * s[OP + 8] + w10 * s[OP + NP + 8] + c0d1 * d3;
  const n20 = w00 * s[OP + 10] + w10 * s[OP + NP + 10] + c0d2 * d0;
  const n21 = w00 * s[OP + 11] + w10 * s[OP + NP + 11] + c0d2 * d1;
  const n22 = w00 * s[OP + 12] + w10 * s[OP + NP + 12] + c0d2 * d2;
  const n23 = w00 * s[OP + 13] + w10 * s[OP + NP + 13] + c0d2 * d3;
  const n30 = w00 * s[OP + 15] + w10 * s[OP + NP + 15] + c0d3 * d0;
  const n31 = w00 * s[OP + 16] + w10 * s[OP + NP + 16] + c0d3 * d1;
  const n32 = w00 * s[OP + 17] + w10 * s[OP + NP + 17] + c0d3 * d2;
  const n33 = w00 * s[OP + 18] + w10 * s[OP + NP + 18] + c0d3 * d3;
  // CT: the prediction.
  if (w > 0.5) w = 0.5; // no aircraft turns at 30°/s; keeps the EKF sane after a bad update
  else if (w < -0.5) w = -0.5;
  const wt = w * T;
  const sn = Math.sin(wt);
  const c = Math.cos(wt);
  let a: number;
  let b: number;
  let da: number;
  let db: number;
  if (Math.abs(wt) > 1e-4) {
    a = sn / w;
    b = (1 - c) / w;
    da = (T * c * w - sn) / (w * w);
    db = (T * sn * w - (1 - c)) / (w * w);
  } else {
    // Series to second order in ωT.
    a = T * (1 - (wt * wt) / 6);
    b = (w * T * T) / 2;
    da = (-w * T * T * T) / 3;
    db = (T * T) / 2;
  }
  // Counter-clockwise positive turn rate in the east/north plane (a left turn).
  s[OX + NX] = xe + (a * ve - b * vn);
  s[OX + NX + 1] = c * ve - sn * vn;
  s[OX + NX + 2] = xn + (b * ve + a * vn);
  s[OX + NX + 3] = sn * ve + c * vn;
  s[OX + NX + 4] = w;
  // P ← F P Fᵀ with the Jacobian's rows [1 a 0 -b f04], [0 c 0 -s f14], [0 b 1 a f24], [0 s 0 c f34], [0 0 0 0 1].
  const f04 = da * ve - db * vn;
  const f14 = -T * sn * ve - T * c * vn;
  const f24 = db * ve + da * vn;
  const f34 = T * c * ve - T * sn * vn;
  const g00 = m00 + a * m10 - b * m30 + f04 * m40;
  const g10 = c * m10 - sn * m30 + f14 * m40;
  const g20 = b * m10 + m20 + a * m30 + f24 * m40;
  const g30 = sn * m10 + c * m30 + f34 * m40;
  const g01 = m01 + a * m11 - b * m31 + f04 * m41;
  const g11 = c * m11 - sn * m31 + f14 * m41;
  const g21 = b * m11 + m21 + a * m31 + f24 * m41;
  const g31 = sn * m11 + c * m31 + f34 * m41;
  const g02 = m02 + a * m12 - b * m32 + f04 * m42;
  const g12 = c * m12 - sn * m32 + f14 * m42;
  const g22 = b * m12 + m22 + a * m32 + f24 * m42;
  const g32 = sn * m12 + c * m32 + f34 * m42;
  const g03 = m03 + a * m13 - b * m33 + f04 * m43;
  const g13 = c * m13 - sn * m33 + f14 * m43;
  const g23 = b * m13 + m23 + a * m33 + f24 * m43;
  const g33 = sn * m13 + c * m33 + f34 * m43;
  const g04 = m04 + a * m14 - b * m34 + f04 * m44;
  const g14 = c * m14 - sn * m34 + f14 * m44;
  const g24 = b * m14 + m24 + a * m34 + f24 * m44;
  const g34 = sn * m14 + c * m34 + f34 * m44;
  const q = A[A_QCT];
  const q11 = (q * T * T * T) / 3;
  const q12 = (q * T * T) / 2;
  const q22 = q * T;
  s[OP + NP] = g00 + a * g01 - b * g03 + f04 * g04 + q11;
  s[OP + NP + 1] = c * g01 - sn * g03 + f14 * g04 + q12;
  s[OP + NP + 2] = b * g01 + g02 + a * g03 + f24 * g04;
  s[OP + NP + 3] = sn * g01 + c * g03 + f34 * g04;
  s[OP + NP + 4] = g04;
  s[OP + NP + 5] = g10 + a * g11 - b * g13 + f04 * g14 + q12;
  s[OP + NP + 6] = c * g11 - sn * g13 + f14 * g14 + q22;
  s[OP + NP + 7] = b * g11 + g12 + a * g13 + f24 * g14;
  s[OP + NP + 8] = sn * g11 + c * g13 + f34 * g14;
  s[OP + NP + 9] = g14;
  s[OP + NP + 10] = g20 + a * g21 - b * g23 + f04 * g24;
  s[OP + NP + 11] = c * g21 - sn * g23 + f14 * g24;
  s[OP + NP + 12] = b * g21 + g22 + a * g23 + f24 * g24 + q11;
  s[OP + NP + 13] = sn * g21 + c * g23 + f34 * g24 + q12;
  s[OP + NP + 14] = g24;
  s[OP + NP + 15] = g30 + a * g31 - b * g33 + f04 * g34;
  s[OP + NP + 16] = c * g31 - sn * g33 + f14 * g34;
  s[OP + NP + 17] = b * g31 + g32 + a * g33 + f24 * g34 + q12;
  s[OP + NP + 18] = sn * g31 + c * g33 + f34 * g34 + q22;
  s[OP + NP + 19] = g34;
  s[OP + NP + 20] = m40 + a * m41 - b * m43 + f04 * m44;
  s[OP + NP + 21] = c * m41 - sn * m43 + f14 * m44;
  s[OP + NP + 22] = b * m41 + m42 + a * m43 + f24 * m44;
  s[OP + NP + 23] = sn * m41 + c * m43 + f34 * m44;
  s[OP + NP + 24] = m44 + A[A_QTURN] * T;
  // CV: F P Fᵀ with F = I + T (e←ve, n←vn), and the noise.
  const ye = w00 * x00 + w10 * x10;
  const ue = w00 * x01 + w10 * x11;
  const yn = w00 * x02 + w10 * x12;
  const un = w00 * x03 + w10 * x13;
  s[OX] = ye + T * ue;
  s[OX + 1] = ue;
  s[OX + 2] = yn + T * un;
  s[OX + 3] = un;
  s[OX + 4] = 0;
  const h00 = n00 + T * n10;
  const h20 = n20 + T * n30;
  const h01 = n01 + T * n11;
  const h21 = n21 + T * n31;
  const h02 = n02 + T * n12;
  const h22 = n22 + T * n32;
  const h03 = n03 + T * n13;
  const h23 = n23 + T * n33;
  const p = A[A_QCV];
  const p11 = (p * T * T * T) / 3;
  const p12 = (p * T * T) / 2;
  const p22 = p * T;
  s[OP] = h00 + T * h01 + p11;
  s[OP + 1] = h01 + p12;
  s[OP + 2] = h02 + T * h03;
  s[OP + 3] = h03;
  s[OP + 5] = n10 + T * n11 + p12;
  s[OP + 6] = n11 + p22;
  s[OP + 7] = n12 + T * n13;
  s[OP + 8] = n13;
  s[OP + 10] = h20 + T * h21;
  s[OP + 11] = h21;
  s[OP + 12] = h22 + T * h23 + p11;
  s[OP + 13] = h23 + p12;
  s[OP + 15] = n30 + T * n31;
  s[OP + 16] = n31;
  s[OP + 17] = n32 + T * n33 + p12;
  s[OP + 18] = n33 + p22;
  for (let k = 0; k < 4; k++) {
    s[OP + 4 * NX + k] = 0;
    s[OP + k * NX + 4] = 0;
  }
  s[OP + 4 * NX + 4] = CV_TURN_VAR;
}

/** Moment-matched combination of the two models into xc, Pc (spread term μ0·μ1·D·Dᵀ, D = x0 - x1). */
export function combineModels(s: Float64Array): void {
  const m0 = s[OMU];
  const m1 = s[OMU + 1];
  const x00 = s[OX];
  const x10 = s[OX + NX];
  s[OXC] = m0 * x00 + m1 * x10;
  const x01 = s[OX + 1];
  const x11 = s[OX + NX + 1];
  s[OXC + 1] = m0 * x01 + m1 * x11;
  const x02 = s[OX + 2];
  const x12 = s[OX + NX + 2];
  s[OXC + 2] = m0 * x02 + m1 * x12;
  const x03 = s[OX + 3];
  const x13 = s[OX + NX + 3];
  s[OXC + 3] = m0 * x03 + m1 * x13;
  const x04 = s[OX + 4];
  const x14 = s[OX + NX + 4];
  s[OXC + 4] = m0 * x04 + m1 * x14;
  const d0 = x00 - x10; const d1 = x01 - x11; const d2 = x02 - x12; const d3 = x03 - x13; const d4 = x04 - x14;
  const c = m0 * m1;
  const cd0 = c * d0;
  const cd1 = c * d1;
  const cd2 = c * d2;
  const cd3 = c * d3;
  const cd4 = c * d4;
  s[OPC] = m0 * s[OP] + m1 * s[OP + NP] + cd0 * d0;
  s[OPC + 1] = m0 * s[OP + 1] + m1 * s[OP + NP + 1] + cd0 * d1;
  s[OPC + 2] = m0 * s[OP + 2] + m1 * s[OP + NP + 2] + cd0 * d2;
  s[OPC + 3] = m0 * s[OP + 3] + m1 * s[OP + NP + 3] + cd0 * d3;
  s[OPC + 4] = m0 * s[OP + 4] + m1 * s[OP + NP + 4] + cd0 * d4;
  s[OPC + 5] = m0 * s[OP + 5] + m1 * s[OP + NP + 5] + cd1 * d0;
  s[OPC + 6] = m0 * s[OP + 6] + m1 * s[OP + NP + 6] + cd1 * d1;
  s[OPC + 7] = m0 * s[OP + 7] + m1 * s[OP + NP + 7] + cd1 * d2;
  s[OPC + 8] = m0 * s[OP + 8] + m1 * s[OP + NP + 8] + cd1 * d3;
  s[OPC + 9] = m0 * s[OP + 9] + m1 * s[OP + NP + 9] + cd1 * d4;
  s[OPC + 10] = m0 * s[OP + 10] + m1 * s[OP + NP + 10] + cd2 * d0;
  s[OPC + 11] = m0 * s[OP + 11] + m1 * s[OP + NP + 11] + cd2 * d1;
  s[OPC + 12] = m0 * s[OP + 12] + m1 * s[OP + NP + 12] + cd2 * d2;
  s[OPC + 13] = m0 * s[OP + 13] + m1 * s[OP + NP + 13] + cd2 * d3;
  s[OPC + 14] = m0 * s[OP + 14] + m1 * s[OP + NP + 14] + cd2 * d4;
  s[OPC + 15] = m0 * s[OP + 15] + m1 * s[OP + NP + 15] + cd3 * d0;
  s[OPC + 16] = m0 * s[OP + 16] + m1 * s[OP + NP + 16] + cd3 * d1;
  s[OPC + 17] = m0 * s[OP + 17] + m1 * s[OP + NP + 17] + cd3 * d2;
  s[OPC + 18] = m0 * s[OP + 18] + m1 * s[OP + NP + 18] + cd3 * d3;
  s[OPC + 19] = m0 * s[OP + 19] + m1 * s[OP + NP + 19] + cd3 * d4;
  s[OPC + 20] = m0 * s[OP + 20] + m1 * s[OP + NP + 20] + cd4 * d0;
  s[OPC + 21] = m0 * s[OP + 21] + m1 * s[OP + NP + 21] + cd4 * d1;
  s[OPC + 22] = m0 * s[OP + 22] + m1 * s[OP + NP + 22] + cd4 * d2;
  s[OPC + 23] = m0 * s[OP + 23] + m1 * s[OP + NP + 23] + cd4 * d3;
  s[OPC + 24] = m0 * s[OP + 24] + m1 * s[OP + NP + 24] + cd4 * d4;
}
