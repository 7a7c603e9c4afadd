// SPDX-License-Identifier: GPL-3.0-or-later
// Unit conversions. Exact by definition (international foot and nautical mile).

export const M_PER_FT = 0.3048;
export const M_PER_NM = 1852;
/** One knot in m/s. */
export const MPS_PER_KT = 1852 / 3600;
/** One ft/min in m/s. */
export const MPS_PER_FPM = 0.3048 / 60;

export const ftToM = (ft: number): number => ft * M_PER_FT;
export const mToFt = (m: number): number => m / M_PER_FT;
export const nmToM = (nm: number): number => nm * M_PER_NM;
export const mToNm = (m: number): number => m / M_PER_NM;
export const ktToMps = (kt: number): number => kt * MPS_PER_KT;
export const mpsToKt = (mps: number): number => mps / MPS_PER_KT;
