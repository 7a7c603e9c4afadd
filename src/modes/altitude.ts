// SPDX-License-Identifier: GPL-3.0-or-later
// Mode S altitude codes (ICAO Annex 10 Vol IV 3.1.2.6.5.4): the 13-bit AC field of DF0/4/16/20 and the
// 12-bit field of airborne-position squitters, with the Q bit (25 ft steps), Gillham (100 ft) and metric.

const FT_PER_M = 1 / 0.3048;

/** Gray code to binary. */
function grayToBinary(g: number): number {
  let b = g;
  for (let s = g >> 1; s !== 0; s >>= 1) b ^= s;
  return b;
}

/**
 * Gillham (Mode C) altitude in ft from the 13-bit field with bits C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4
 * (M and Q ignored), or NaN for an illegal code.
 */
export function gillhamToFt(ac13: number): number {
  const b = (n: number) => (ac13 >> (12 - n)) & 1; // n: 0-based position from the left
  const c1 = b(0);
  const a1 = b(1);
  const c2 = b(2);
  const a2 = b(3);
  const c4 = b(4);
  const a4 = b(5);
  const b1 = b(7);
  const b2 = b(9);
  const d2 = b(10);
  const b4 = b(11);
  const d4 = b(12);
  // 500 ft Gray code D2 D4 A1 A2 A4 B1 B2 B4 (D1 is never sent), 100 ft code C1 C2 C4.
  const gray500 = (d2 << 7) | (d4 << 6) | (a1 << 5) | (a2 << 4) | (a4 << 3) | (b1 << 2) | (b2 << 1) | b4;
  const gray100 = (c1 << 2) | (c2 << 1) | c4;
  const n500 = grayToBinary(gray500);
  let n100 = grayToBinary(gray100);
  if (n100 === 0 || n100 === 5 || n100 === 6) return Number.NaN;
  if (n100 === 7) n100 = 5;
  if (n500 & 1) n100 = 6 - n100; // the 100 ft code runs backwards in odd 500 ft bands
  return n500 * 500 + n100 * 100 - 1300;
}

export interface AltitudeCode {
  /** Altitude in ft; NaN when not available or illegal. */
  altFt: number;
  /** Set when the M bit says metres. */
  altM?: number;
}

/** Decodes the 13-bit AC field; altFt is NaN when the field is 0 (no altitude) or illegal. */
export function decodeAc13(ac13: number): number {
  if (ac13 === 0) return Number.NaN;
  const m = (ac13 >> 6) & 1;
  if (m === 1) {
    // Metric: the other 12 bits give metres (Annex 10 leaves the scale to the 25 ft analogue; 1 m steps).
    const metres = ((ac13 >> 7) << 6) | (ac13 & 0x3f);
    return metres * FT_PER_M;
  }
  const q = (ac13 >> 4) & 1;
  if (q === 1) {
    const n = ((ac13 >> 7) << 5) | (((ac13 >> 5) & 1) << 4) | (ac13 & 0xf);
    return n * 25 - 1000;
  }
  return gillhamToFt(ac13);
}

/** True when the AC13 M bit is set (altitude in metres). */
export function ac13IsMetric(ac13: number): boolean {
  return ac13 !== 0 && ((ac13 >> 6) & 1) === 1;
}

/** Decodes the 12-bit altitude of an airborne-position squitter (Q bit is the 8th bit); NaN when 0 or illegal. */
export function decodeAc12(ac12: number): number {
  if (ac12 === 0) return Number.NaN;
  const q = (ac12 >> 4) & 1;
  if (q === 1) return (((ac12 >> 5) << 4) | (ac12 & 0xf)) * 25 - 1000;
  // Gillham: re-insert the M bit (0) to form the 13-bit layout.
  return gillhamToFt(((ac12 >> 6) << 7) | (ac12 & 0x3f));
}

/** Q-bit (25 ft) encodings cover -1000..50175 ft; above that Gillham 100 ft steps are used. */
export const Q_BIT_MAX_FT = 50175;

let gillhamByAlt: Map<number, number> | undefined;
function gillhamCodeFor(altFt: number): number {
  if (!gillhamByAlt) {
    gillhamByAlt = new Map();
    // Enumerate every 13-bit layout with M=0, Q=0 and keep the legal ones.
    for (let code = 0; code < 1 << 13; code++) {
      if ((code >> 6) & 1 || (code >> 4) & 1) continue;
      const ft = gillhamToFt(code);
      if (!Number.isNaN(ft) && !gillhamByAlt.has(ft)) gillhamByAlt.set(ft, code);
    }
  }
  return gillhamByAlt.get(Math.round(altFt / 100) * 100) ?? 0;
}

/** Encodes an altitude in ft as AC13 (Q=1 in 25 ft steps where possible, else Gillham); NaN gives 0. */
export function encodeAc13(altFt: number): number {
  if (!Number.isFinite(altFt)) return 0;
  const n = Math.round((altFt + 1000) / 25);
  if (n >= 0 && n < 1 << 11) {
    // n's 11 bits go around M (bit 6) and Q (bit 4, set).
    return ((n >> 5) << 7) | (((n >> 4) & 1) << 5) | (1 << 4) | (n & 0xf);
  }
  return gillhamCodeFor(altFt);
}

/** Encodes an altitude in ft as the 12-bit squitter field; NaN gives 0. */
export function encodeAc12(altFt: number): number {
  const ac13 = encodeAc13(altFt);
  return ((ac13 >> 7) << 6) | (ac13 & 0x3f);
}
