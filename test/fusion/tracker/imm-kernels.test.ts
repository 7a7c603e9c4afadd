// SPDX-License-Identifier: GPL-3.0-or-later
// The IMM's unrolled kernels against the textbook formulas with plain matrices: the Kalman update
// (K = P Hᵀ S⁻¹, x += K ν, P −= K H P, d² = νᵀ S⁻¹ ν, det(2πS)) for position and velocity measurements on
// either model (the constant-velocity model's first four states, the turn model's five), and the moment-matched
// combination of the two models. Random symmetric positive-definite covariances, seeded.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  combineModels,
  immMeasurement,
  NP,
  NX,
  OMU,
  OP,
  OPC,
  OX,
  OXC,
  SIZE,
  UD,
  updatePos0,
  updatePos1,
  updateVel0,
  updateVel1,
} from '../../../src/fusion/tracker/imm-kernels.ts';
import { mulberry32 } from '../../helpers/prng.ts';

type M = number[][];
const mul = (a: M, b: M): M => a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
const tr = (a: M): M => a[0].map((_, j) => a.map((r) => r[j]));

/** A random state block: both models' states and SPD covariances (A Aᵀ + I), model probabilities. */
function randomBlock(rand: () => number): Float64Array {
  const s = new Float64Array(SIZE);
  for (let m = 0; m < 2; m++) {
    const n = m === 0 ? 4 : NX; // the CV model's turn state stays zero
    for (let i = 0; i < n; i++) s[OX + m * NX + i] = (rand() - 0.5) * 1000;
    const a: M = Array.from({ length: n }, () => Array.from({ length: n }, () => (rand() - 0.5) * 30));
    const p = mul(a, tr(a));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[OP + m * NP + i * NX + j] = p[i][j] + (i === j ? 1 : 0);
  }
  const mu = 0.05 + 0.9 * rand();
  s[OMU] = mu;
  s[OMU + 1] = 1 - mu;
  return s;
}

/** The textbook update of model m's first n states with a measurement of states (i, j) and covariance r. */
function reference(s: Float64Array, m: number, n: number, idx: [number, number], z: number[], r: M) {
  const x = Array.from({ length: n }, (_, i) => s[OX + m * NX + i]);
  const P: M = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => s[OP + m * NP + i * NX + j]));
  const H: M = idx.map((c) => Array.from({ length: n }, (_, k) => (k === c ? 1 : 0)));
  const S = mul(mul(H, P), tr(H)).map((row, i) => row.map((v, j) => v + r[i][j]));
  const det = S[0][0] * S[1][1] - S[0][1] * S[1][0];
  const Si: M = [
    [S[1][1] / det, -S[0][1] / det],
    [-S[1][0] / det, S[0][0] / det],
  ];
  const K = mul(mul(P, tr(H)), Si);
  const nu = [z[0] - x[idx[0]], z[1] - x[idx[1]]];
  const x1 = x.map((v, i) => v + K[i][0] * nu[0] + K[i][1] * nu[1]);
  const KHP = mul(mul(K, H), P);
  const P1 = P.map((row, i) => row.map((v, j) => v - KHP[i][j]));
  const d2 = nu[0] * (Si[0][0] * nu[0] + Si[0][1] * nu[1]) + nu[1] * (Si[1][0] * nu[0] + Si[1][1] * nu[1]);
  return { x: x1, P: P1, d2, det2pi: det * (2 * Math.PI) ** 2 };
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('IMM kernels against the textbook formulas', () => {
  const cases = [
    { name: 'position, constant-velocity model', fn: updatePos0, m: 0, n: 4, idx: [0, 2] as [number, number] },
    { name: 'velocity, constant-velocity model', fn: updateVel0, m: 0, n: 4, idx: [1, 3] as [number, number] },
    { name: 'position, turn model', fn: updatePos1, m: 1, n: 5, idx: [0, 2] as [number, number] },
    { name: 'velocity, turn model', fn: updateVel1, m: 1, n: 5, idx: [1, 3] as [number, number] },
  ];
  for (const c of cases) {
    it(`updates with a ${c.name} measurement as K = P Hᵀ S⁻¹ does (500 random cases)`, () => {
      const rand = mulberry32(7 + c.m * 2 + c.idx[0]);
      for (let k = 0; k < 500; k++) {
        const s = randomBlock(rand);
        const z = [(rand() - 0.5) * 1200, (rand() - 0.5) * 1200];
        const r11 = 10 + rand() * 400;
        const r22 = 10 + rand() * 400;
        const r12 = (rand() - 0.5) * Math.sqrt(r11 * r22);
        const want = reference(s, c.m, c.n, c.idx, z, [
          [r11, r12],
          [r12, r22],
        ]);
        immMeasurement.set([z[0], z[1], r11, r12, r22]);
        const other = s.slice(OX + (1 - c.m) * NX, OX + (2 - c.m) * NX);
        c.fn(s);
        for (let i = 0; i < c.n; i++) close(s[OX + c.m * NX + i], want.x[i], `x[${i}]`);
        for (let i = 0; i < c.n; i++) for (let j = 0; j < c.n; j++) close(s[OP + c.m * NP + i * NX + j], want.P[i][j], `P[${i}][${j}]`);
        close(UD[0], want.d2, 'd²');
        close(UD[1], want.det2pi, 'det(2πS)');
        assert.deepEqual(s.slice(OX + (1 - c.m) * NX, OX + (2 - c.m) * NX), other, 'the other model is untouched');
      }
    });
  }

  it('combines the models by moment matching: x = Σ μ x_m, P = Σ μ (P_m + (x_m − x)(x_m − x)ᵀ)', () => {
    const rand = mulberry32(99);
    for (let k = 0; k < 200; k++) {
      const s = randomBlock(rand);
      combineModels(s);
      const mu = [s[OMU], s[OMU + 1]];
      const xm = [0, 1].map((m) => Array.from({ length: NX }, (_, i) => s[OX + m * NX + i]));
      const x = Array.from({ length: NX }, (_, i) => mu[0] * xm[0][i] + mu[1] * xm[1][i]);
      for (let i = 0; i < NX; i++) close(s[OXC + i], x[i], `xc[${i}]`);
      for (let i = 0; i < NX; i++)
        for (let j = 0; j < NX; j++) {
          let p = 0;
          for (let m = 0; m < 2; m++) p += mu[m] * (s[OP + m * NP + i * NX + j] + (xm[m][i] - x[i]) * (xm[m][j] - x[j]));
          close(s[OPC + i * NX + j], p, `Pc[${i}][${j}]`);
        }
    }
  });
});
