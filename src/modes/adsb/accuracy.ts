// SPDX-License-Identifier: GPL-3.0-or-later
// Position quality by ADS-B version: NUCp (version 0, DO-260), NIC with its supplements (versions 1 and 2,
// DO-260A / DO-260B Table 2-14 and 2-15 / Doc 9871 Table C-1), NACp, NACv and GVA bounds.

const NM = 1852;

/** Containment: the NIC (or, for version 0, the NIC the type code implies) and its radius in metres. */
export interface Containment {
  /** Navigation integrity category 0..11. */
  nic: number;
  /** Containment radius Rc (version 0: the NUCp protection limit HPL) in metres; NaN when unknown. */
  rcM: number;
}

/** NUCp implied by a position type code (version 0), or -1 for a type code that carries no position. */
export function nucP(tc: number): number {
  if (tc >= 9 && tc <= 18) return 18 - tc; // 9 → 9 ... 18 → 0
  if (tc >= 5 && tc <= 8) return 14 - tc; // surface: 5 → 9 ... 8 → 6
  if (tc === 20) return 9;
  if (tc === 21) return 8;
  if (tc === 22 || tc === 0) return 0;
  return -1;
}

/** Horizontal protection limit for a NUCp (DO-260 Table 2-14), metres; NaN for NUCp 0 (unknown). */
const HPL_BY_NUCP = new Float64Array([
  Number.NaN,
  20 * NM,
  10 * NM,
  2 * NM,
  1 * NM,
  0.5 * NM,
  0.2 * NM,
  0.1 * NM,
  25,
  7.5,
]);

export function nucPHplM(nuc: number): number {
  return nuc >= 0 && nuc <= 9 ? HPL_BY_NUCP[nuc] : Number.NaN;
}

function set(out: Containment, nic: number, rcM: number): Containment {
  out.nic = nic;
  out.rcM = rcM;
  return out;
}

/**
 * NIC and containment radius for a position type code under an ADS-B version. nicA comes from TC31 (bit 44
 * of the ME), nicB from the airborne position itself (ME bit 8, version 2 only) and nicC from the surface
 * operational status (version 2). Version 0 gives the type code's NIC with Rc = the NUCp HPL. A type code
 * that carries no position gives nic 0 and NaN. Pass `out` to avoid allocation.
 */
export function containmentRadius(
  tc: number,
  version: number,
  nicA = 0,
  nicB = 0,
  nicC = 0,
  out: Containment = { nic: 0, rcM: Number.NaN },
): Containment {
  if (version === 0) {
    const nuc = nucP(tc);
    if (nuc <= 0) return set(out, 0, Number.NaN);
    const v1 = containmentRadius(tc, 1, 0, 0, 0, out);
    return set(out, v1.nic, HPL_BY_NUCP[nuc]);
  }
  const v2 = version >= 2;
  switch (tc) {
    case 9:
    case 20:
      return set(out, 11, 7.5);
    case 10:
    case 21:
      return set(out, 10, 25);
    case 11:
      return (v2 ? nicA === 1 && nicB === 1 : nicA === 1) ? set(out, 9, 75) : set(out, 8, 0.1 * NM);
    case 12:
      return set(out, 7, 0.2 * NM);
    case 13:
      if (v2) {
        if (nicA === 0 && nicB === 1) return set(out, 6, 0.3 * NM);
        if (nicA === 1) return set(out, 6, 0.6 * NM);
        return set(out, 6, 0.5 * NM);
      }
      return set(out, 6, nicA === 1 ? 0.6 * NM : 0.5 * NM);
    case 14:
      return set(out, 5, 1 * NM);
    case 15:
      return set(out, 4, 2 * NM);
    case 16:
      return (v2 ? nicA === 1 && nicB === 1 : nicA === 1) ? set(out, 3, 4 * NM) : set(out, 2, 8 * NM);
    case 17:
      return set(out, 1, 20 * NM);
    // Surface
    case 5:
      return set(out, 11, 7.5);
    case 6:
      return set(out, 10, 25);
    case 7:
      return nicA === 1 ? set(out, 9, 75) : set(out, 8, 0.1 * NM);
    case 8:
      if (v2) {
        if (nicA === 1 && nicC === 1) return set(out, 7, 0.2 * NM);
        if (nicA === 1) return set(out, 6, 0.3 * NM);
        if (nicC === 1) return set(out, 6, 0.6 * NM);
      }
      return set(out, 0, Number.NaN);
    default:
      return set(out, 0, Number.NaN); // 0, 18, 22 and non-position type codes: unknown
  }
}

/**
 * True when a type code gives the same NIC under versions 1 and 2 whatever the supplements are, so a
 * stateless decoder may report it.
 */
export function nicIsUnambiguous(tc: number): boolean {
  return tc !== 11 && tc !== 13 && tc !== 16 && tc !== 7 && tc !== 8;
}

/** Estimated position uncertainty (95 %) for a NACp, metres; NaN for 0 (unknown) and reserved codes. */
const EPU_BY_NACP = new Float64Array([
  Number.NaN,
  10 * NM,
  4 * NM,
  2 * NM,
  1 * NM,
  0.5 * NM,
  0.3 * NM,
  0.1 * NM,
  0.05 * NM,
  30,
  10,
  3,
  Number.NaN,
  Number.NaN,
  Number.NaN,
  Number.NaN,
]);

export function nacPEpuM(nacP: number): number {
  return EPU_BY_NACP[nacP & 15];
}

/** Horizontal velocity error bound (95 %) for a NACv, m/s; NaN for 0 (unknown) and reserved codes. */
export function nacVMps(nacV: number): number {
  switch (nacV) {
    case 1:
      return 10;
    case 2:
      return 3;
    case 3:
      return 1;
    case 4:
      return 0.3;
    default:
      return Number.NaN;
  }
}

/** Geometric vertical accuracy bound for a GVA (version 2), metres; NaN when unknown or reserved. */
export function gvaM(gva: number): number {
  if (gva === 1) return 150;
  if (gva === 2) return 45;
  return Number.NaN;
}
