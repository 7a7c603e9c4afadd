// bench/.micro.ts
import { readFileSync } from "node:fs";

// src/modes/bits.ts
function bits(f, first, count) {
  const start = first - 1;
  const end = start + count;
  const firstByte = start >> 3;
  const lastByte = end - 1 >> 3;
  let v = f[firstByte];
  for (let i = firstByte + 1; i <= lastByte; i++) v = (v << 8 | f[i]) >>> 0;
  return v >>> (lastByte + 1) * 8 - end & (1 << count) - 1;
}
function bit(f, pos) {
  const i = pos - 1;
  return f[i >> 3] >> 7 - (i & 7) & 1;
}
var HEX_DIGITS = "0123456789ABCDEF";
function toHex(f, len = f.length) {
  let s = "";
  for (let i = 0; i < len; i++) s += HEX_DIGITS[f[i] >> 4] + HEX_DIGITS[f[i] & 15];
  return s;
}
var icaoStrings = /* @__PURE__ */ new Map();
var ICAO_CACHE_MAX = 1 << 16;
function icaoHex(addr) {
  let s = icaoStrings.get(addr);
  if (s === void 0) {
    if (icaoStrings.size >= ICAO_CACHE_MAX) icaoStrings.clear();
    s = (addr | 16777216).toString(16).slice(1);
    icaoStrings.set(addr, s);
  }
  return s;
}
function hexNibble(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
function parseHexInto(s, out, from = 0, to = s.length) {
  const n = to - from >> 1;
  if ((to - from & 1) !== 0) return -1;
  for (let i = 0; i < n; i++) {
    const hi = hexNibble(s.charCodeAt(from + 2 * i));
    const lo = hexNibble(s.charCodeAt(from + 2 * i + 1));
    if (hi < 0 || lo < 0) return -1;
    out[i] = hi << 4 | lo;
  }
  return n;
}
function hexToBytes(s) {
  const out = new Uint8Array(s.length >> 1);
  return parseHexInto(s, out) < 0 ? void 0 : out;
}

// src/modes/altitude.ts
var FT_PER_M = 1 / 0.3048;
function grayToBinary(g) {
  let b = g;
  for (let s = g >> 1; s !== 0; s >>= 1) b ^= s;
  return b;
}
function gillhamToFt(ac13) {
  const b = (n) => ac13 >> 12 - n & 1;
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
  const gray500 = d2 << 7 | d4 << 6 | a1 << 5 | a2 << 4 | a4 << 3 | b1 << 2 | b2 << 1 | b4;
  const gray100 = c1 << 2 | c2 << 1 | c4;
  const n500 = grayToBinary(gray500);
  let n100 = grayToBinary(gray100);
  if (n100 === 0 || n100 === 5 || n100 === 6) return Number.NaN;
  if (n100 === 7) n100 = 5;
  if (n500 & 1) n100 = 6 - n100;
  return n500 * 500 + n100 * 100 - 1300;
}
function decodeAc13(ac13) {
  if (ac13 === 0) return Number.NaN;
  const m = ac13 >> 6 & 1;
  if (m === 1) {
    const metres = ac13 >> 7 << 6 | ac13 & 63;
    return metres * FT_PER_M;
  }
  const q = ac13 >> 4 & 1;
  if (q === 1) {
    const n = ac13 >> 7 << 5 | (ac13 >> 5 & 1) << 4 | ac13 & 15;
    return n * 25 - 1e3;
  }
  return gillhamToFt(ac13);
}
function ac13IsMetric(ac13) {
  return ac13 !== 0 && (ac13 >> 6 & 1) === 1;
}
function decodeAc12(ac12) {
  if (ac12 === 0) return Number.NaN;
  const q = ac12 >> 4 & 1;
  if (q === 1) return (ac12 >> 5 << 4 | ac12 & 15) * 25 - 1e3;
  return gillhamToFt(ac12 >> 6 << 7 | ac12 & 63);
}

// src/modes/adsb/accuracy.ts
var NM = 1852;
function nucP(tc) {
  if (tc >= 9 && tc <= 18) return 18 - tc;
  if (tc >= 5 && tc <= 8) return 14 - tc;
  if (tc === 20) return 9;
  if (tc === 21) return 8;
  if (tc === 22 || tc === 0) return 0;
  return -1;
}
var HPL_BY_NUCP = new Float64Array([
  Number.NaN,
  20 * NM,
  10 * NM,
  2 * NM,
  1 * NM,
  0.5 * NM,
  0.2 * NM,
  0.1 * NM,
  25,
  7.5
]);
function set(out, nic, rcM) {
  out.nic = nic;
  out.rcM = rcM;
  return out;
}
function containmentRadius(tc, version, nicA = 0, nicB = 0, nicC = 0, out = { nic: 0, rcM: Number.NaN }) {
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
      return set(out, 0, Number.NaN);
  }
}
function nicIsUnambiguous(tc) {
  return tc !== 11 && tc !== 13 && tc !== 16 && tc !== 7 && tc !== 8;
}
var EPU_BY_NACP = new Float64Array([
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
  Number.NaN
]);

// src/modes/adsb/airborne.ts
var FT_PER_M2 = 1 / 0.3048;
var containment = { nic: 0, rcM: Number.NaN };
function setPositionQuality(msg, tc) {
  msg.nucP = nucP(tc);
  if (nicIsUnambiguous(tc)) {
    containmentRadius(tc, 2, 0, 0, 0, containment);
    msg.nic = containment.nic;
    if (!Number.isNaN(containment.rcM)) msg.rcM = containment.rcM;
  }
}
function decodeAirbornePosition(f, msg, tc, checkImf) {
  const ss = bits(f, 38, 2);
  msg.surveillanceStatus = ss;
  if (ss === 1 || ss === 2) msg.alert = true;
  else if (ss === 3) msg.spi = true;
  if (checkImf) {
    const imf = bit(f, 40);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.nicB = bit(f, 40);
  msg.onGround = false;
  const ac12 = bits(f, 41, 12);
  if (tc >= 20) {
    if (ac12 !== 0) {
      msg.altM = ac12;
      msg.altFt = Math.round(ac12 * FT_PER_M2);
      msg.altSource = "gnss";
    }
  } else if (ac12 !== 0) {
    const ft = decodeAc12(ac12);
    if (!Number.isNaN(ft)) {
      msg.altFt = ft;
      msg.altSource = "baro";
    }
  }
  if (tc === 0) return;
  setPositionQuality(msg, tc);
  msg.timeSync = bit(f, 53) === 1;
  msg.cprFormat = bit(f, 54);
  msg.cprLat = bits(f, 55, 17);
  msg.cprLon = bits(f, 72, 17);
}

// src/modes/adsb/identification.ts
var CALLSIGN_CHARSET = "#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######";
var CHAR_CODE = (() => {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const c = CALLSIGN_CHARSET.charCodeAt(i);
    t[i] = c === 35 ? 0 : c;
  }
  return t;
})();
var CATEGORY_CODE = (() => {
  const t = [];
  for (let tc = 0; tc < 5; tc++) for (let c = 0; c < 8; c++) t.push(tc === 0 ? "" : "DCBA"[tc - 1] + c);
  return t;
})();
var scratch = new Uint8Array(8);
function decodeCallsign(f, firstBit) {
  let first = -1;
  let last = -1;
  for (let i = 0; i < 8; i++) {
    const c = CHAR_CODE[bits(f, firstBit + 6 * i, 6)];
    scratch[i] = c;
    if (c !== 0 && c !== 32) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let s = "";
  for (let i = first; i >= 0 && i <= last; i++) if (scratch[i] !== 0) s += String.fromCharCode(scratch[i]);
  return s;
}
function decodeIdentification(f, msg, tc) {
  const category = bits(f, 38, 3);
  msg.category = category;
  msg.categoryCode = CATEGORY_CODE[tc * 8 + category];
  const callsign = decodeCallsign(f, 41);
  if (callsign !== "") msg.callsign = callsign;
}

// src/modes/adsb/opstatus.ts
var LENGTH_M = new Float64Array([Number.NaN, 15, 25, 25, 35, 35, 45, 45, 55, 55, 65, 65, 75, 75, 85, 85]);
var WIDTH_M = new Float64Array([
  Number.NaN,
  23,
  28.5,
  34,
  33,
  38,
  39.5,
  45,
  45,
  52,
  59.5,
  67,
  72.5,
  80,
  80,
  90
]);
function decodeOperationalStatus(f, msg, checkImf) {
  const st = bits(f, 38, 3);
  msg.subtype = st;
  if (st > 1) return;
  const version = bits(f, 73, 3);
  msg.version = version;
  const surface = st === 1;
  msg.capabilityClass = bits(f, 41, 16);
  msg.operationalMode = bits(f, 57, 16);
  if (checkImf) {
    const imf = bit(f, 88);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  }
  if (version === 0) {
    if (!surface && bits(f, 41, 2) === 0) {
      msg.ccAcas = bit(f, 44) === 0;
      msg.ccCdti = bit(f, 45) === 1;
    }
    return;
  }
  if (version > 2) return;
  if (bits(f, 41, 2) === 0) {
    if (!surface) {
      if (version === 1) {
        msg.ccAcas = bit(f, 43) === 0;
        msg.ccCdti = bit(f, 44) === 1;
      } else {
        msg.ccAcas = bit(f, 43) === 1;
        msg.cc1090In = bit(f, 44) === 1;
        msg.ccUatIn = bit(f, 51) === 1;
      }
      msg.ccArv = bit(f, 47) === 1;
      msg.ccTs = bit(f, 48) === 1;
      msg.ccTc = bits(f, 49, 2);
    } else {
      msg.ccPoa = bit(f, 43) === 1;
      if (version === 1) msg.ccCdti = bit(f, 44) === 1;
      else {
        msg.cc1090In = bit(f, 44) === 1;
        msg.ccUatIn = bit(f, 48) === 1;
        msg.nacV = bits(f, 49, 3);
        msg.nicC = bit(f, 52);
      }
      msg.ccB2Low = bit(f, 47) === 1;
      const lw = bits(f, 53, 4);
      msg.lengthWidthCode = lw;
      if (lw !== 0) {
        msg.lengthM = LENGTH_M[lw];
        msg.widthM = WIDTH_M[lw];
      }
    }
  }
  if (bits(f, 57, 2) === 0) {
    msg.acasRaActive = bit(f, 59) === 1;
    msg.identActive = bit(f, 60) === 1;
    msg.atcServices = bit(f, 61) === 1;
    if (version === 2) {
      msg.singleAntenna = bit(f, 62) === 1;
      msg.sda = bits(f, 63, 2);
      if (surface) {
        const lat = bits(f, 66, 2);
        msg.gpsLateralOffsetM = bit(f, 65) === 1 ? 2 * lat : -2 * lat;
        const lon = bits(f, 68, 5);
        if (lon > 1) msg.gpsLongitudinalOffsetM = 2 * (lon - 1);
        else if (lon === 1) msg.gpsLongitudinalOffsetM = 0;
      }
    }
  }
  msg.nicA = bit(f, 76);
  msg.nacP = bits(f, 77, 4);
  if (!surface && version === 2) msg.gva = bits(f, 81, 2);
  msg.sil = bits(f, 83, 2);
  const hrd = bit(f, 86);
  msg.headingRef = hrd === 1 ? "magnetic" : "true";
  if (surface) msg.surfaceAngle = bit(f, 85) === 1 ? "heading" : "track";
  else msg.nicBaro = bit(f, 85);
  if (version === 2) msg.silSupplement = bit(f, 87) === 1 ? "sample" : "hour";
}

// src/modes/identity.ts
function decodeSquawk(id13) {
  const b = (n) => id13 >> 12 - n & 1;
  const a = b(5) << 2 | b(3) << 1 | b(1);
  const bb = b(11) << 2 | b(9) << 1 | b(7);
  const c = b(4) << 2 | b(2) << 1 | b(0);
  const d = b(12) << 2 | b(10) << 1 | b(8);
  return String.fromCharCode(48 + a, 48 + bb, 48 + c, 48 + d);
}
function squawkEmergency(squawk) {
  if (squawk === "7500") return "unlawful";
  if (squawk === "7600") return "nocomm";
  if (squawk === "7700") return "general";
  return void 0;
}

// src/modes/adsb/status.ts
var EMERGENCY_BY_CODE = [
  "none",
  "general",
  "lifeguard",
  "minfuel",
  "nocomm",
  "unlawful",
  "downed",
  "reserved"
];
function decodeAircraftStatus(f, msg, checkImf) {
  const st = bits(f, 38, 3);
  msg.subtype = st;
  if (st === 1) {
    msg.emergency = EMERGENCY_BY_CODE[bits(f, 41, 3)];
    const id13 = bits(f, 44, 13);
    if (id13 !== 0) msg.squawk = decodeSquawk(id13);
    if (checkImf) setImf(msg, bit(f, 88));
  } else if (st === 2) {
    decodeRaBroadcast(f, msg, 41);
  }
}
function setImf(msg, imf) {
  msg.imf = imf;
  if (imf === 1) msg.nonIcao = true;
}
function decodeRaBroadcast(f, msg, first) {
  msg.ara = bits(f, first, 14);
  msg.rac = bits(f, first + 14, 4);
  msg.raTerminated = bit(f, first + 18) === 1;
  msg.multipleThreats = bit(f, first + 19) === 1;
  const tti = bits(f, first + 20, 2);
  msg.threatType = tti;
  const tid = first + 22;
  if (tti === 1) {
    msg.threatIcao = icaoHex(bits(f, tid, 24));
  } else if (tti === 2) {
    const alt = decodeAc13(bits(f, tid, 13));
    if (!Number.isNaN(alt)) msg.threatAltFt = Math.round(alt);
    const range = bits(f, tid + 13, 7);
    if (range !== 0) msg.threatRangeNm = (range - 1) / 10;
    const bearing = bits(f, tid + 20, 6);
    if (bearing >= 1 && bearing <= 60) msg.threatBearingDeg = 6 * bearing - 3;
  }
}

// src/modes/adsb/surface.ts
var MOVEMENT_KT = (() => {
  const t = new Float64Array(128);
  for (let m = 0; m < 128; m++) {
    let v;
    if (m === 0 || m >= 125) v = Number.NaN;
    else if (m === 1) v = 0;
    else if (m <= 8) v = 0.125 * (m - 1);
    else if (m <= 12) v = 1 + 0.25 * (m - 9);
    else if (m <= 38) v = 2 + 0.5 * (m - 13);
    else if (m <= 93) v = 15 + (m - 39);
    else if (m <= 108) v = 70 + 2 * (m - 94);
    else if (m <= 123) v = 100 + 5 * (m - 109);
    else v = 175;
    t[m] = v;
  }
  return t;
})();
function decodeSurfacePosition(f, msg, tc, checkImf) {
  msg.onGround = true;
  const movement = bits(f, 38, 7);
  msg.movement = movement;
  const gs = MOVEMENT_KT[movement];
  if (!Number.isNaN(gs)) msg.gsKt = gs;
  const trackValid = bit(f, 45) === 1;
  msg.trackValid = trackValid;
  if (trackValid) msg.trackDeg = bits(f, 46, 7) * 360 / 128;
  if (checkImf) {
    const imf = bit(f, 53);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.timeSync = bit(f, 53) === 1;
  setPositionQuality(msg, tc);
  msg.cprFormat = bit(f, 54);
  msg.cprLat = bits(f, 55, 17);
  msg.cprLon = bits(f, 72, 17);
}

// src/modes/adsb/targetstate.ts
var ALT_SOURCE_V1 = [void 0, "mcp", "holding", "fms"];
function decodeTargetState(f, msg, checkImf) {
  const st = bits(f, 38, 2);
  msg.subtype = st;
  if (st === 1) decodeV2(f, msg, checkImf);
  else if (st === 0 && bit(f, 43) === 0) decodeV1(f, msg);
}
function decodeV2(f, msg, checkImf) {
  msg.silSupplement = bit(f, 40) === 1 ? "sample" : "hour";
  const alt = bits(f, 42, 11);
  if (alt !== 0) {
    if (bit(f, 41) === 1) msg.selAltFmsFt = (alt - 1) * 32;
    else msg.selAltMcpFt = (alt - 1) * 32;
  }
  const baro = bits(f, 53, 9);
  if (baro !== 0) msg.baroSettingMb = Math.round((800 + (baro - 1) * 0.8) * 10) / 10;
  if (bit(f, 62) === 1) msg.selHeadingDeg = bits(f, 63, 9) * 180 / 256;
  msg.nacP = bits(f, 72, 4);
  msg.nicBaro = bit(f, 76);
  msg.sil = bits(f, 77, 2);
  if (bit(f, 79) === 1) {
    msg.autopilot = bit(f, 80) === 1;
    msg.vnav = bit(f, 81) === 1;
    msg.altHold = bit(f, 82) === 1;
    msg.approach = bit(f, 84) === 1;
    msg.lnav = bit(f, 86) === 1;
  }
  msg.tcasOperational = bit(f, 85) === 1;
  if (checkImf) {
    const imf = bit(f, 83);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  }
}
function decodeV1(f, msg) {
  const vSource = bits(f, 40, 2);
  if (vSource !== 0) {
    msg.targetAltSource = ALT_SOURCE_V1[vSource];
    msg.targetAltIsFl = bit(f, 42) === 0;
    const raw = bits(f, 48, 10);
    if (raw <= 1010) msg.targetAltFt = -1e3 + 100 * raw;
    msg.verticalMode = bits(f, 46, 2);
  }
  if (bits(f, 58, 2) !== 0) {
    const angle = bits(f, 60, 9);
    if (angle < 360) msg.targetHeadingDeg = angle;
    msg.targetIsTrack = bit(f, 69) === 1;
    msg.horizontalMode = bits(f, 70, 2);
  }
  msg.nacP = bits(f, 72, 4);
  msg.nicBaro = bit(f, 76);
  msg.sil = bits(f, 77, 2);
  const tcas = bits(f, 84, 2);
  if (tcas !== 0) {
    msg.tcasOperational = tcas >= 2;
    msg.acasRaActive = tcas === 3;
  }
  msg.emergency = EMERGENCY_BY_CODE[bits(f, 86, 3)];
}

// src/modes/adsb/tisb.ts
function decodeCoarseTisb(f, msg) {
  const imf = bit(f, 33);
  msg.imf = imf;
  if (imf === 1) msg.nonIcao = true;
  msg.svid = bits(f, 34, 4);
  const ac12 = bits(f, 38, 12);
  if (ac12 !== 0) {
    const ft = decodeAc12(ac12);
    if (!Number.isNaN(ft)) {
      msg.altFt = ft;
      msg.altSource = "baro";
    }
  }
  if (bit(f, 50) === 1) {
    msg.trackDeg = bits(f, 51, 5) * 11.25;
    msg.gsKt = bits(f, 56, 6) * 16;
  }
  msg.onGround = false;
  msg.cprFormat = bit(f, 62);
  msg.cprLat = bits(f, 63, 12);
  msg.cprLon = bits(f, 75, 12);
}

// src/modes/adsb/velocity.ts
var RAD_TO_DEG = 180 / Math.PI;
function decodeVelocity(f, msg, checkImf) {
  const st = bits(f, 38, 3);
  if (st < 1 || st > 4) return;
  msg.velSubtype = st;
  msg.onGround = false;
  if (checkImf) {
    const imf = bit(f, 41);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.intentChange = bit(f, 41) === 1;
  msg.ifrCapability = bit(f, 42) === 1;
  msg.nacV = bits(f, 43, 3);
  const scale = st === 2 || st === 4 ? 4 : 1;
  if (st <= 2) {
    const ewRaw = bits(f, 47, 10);
    const nsRaw = bits(f, 58, 10);
    if (ewRaw !== 0 && nsRaw !== 0) {
      const vEw = (bit(f, 46) === 1 ? 1 - ewRaw : ewRaw - 1) * scale;
      const vNs = (bit(f, 57) === 1 ? 1 - nsRaw : nsRaw - 1) * scale;
      msg.gsKt = Math.sqrt(vEw * vEw + vNs * vNs);
      let trk = Math.atan2(vEw, vNs) * RAD_TO_DEG;
      if (trk < 0) trk += 360;
      msg.trackDeg = trk;
    }
  } else {
    if (bit(f, 46) === 1) msg.headingDeg = bits(f, 47, 10) * 360 / 1024;
    const asRaw = bits(f, 58, 10);
    if (asRaw !== 0) {
      const kt = (asRaw - 1) * scale;
      if (bit(f, 57) === 1) msg.tasKt = kt;
      else msg.iasKt = kt;
    }
  }
  const vrRaw = bits(f, 70, 9);
  if (vrRaw !== 0) {
    msg.vrSource = bit(f, 68) === 1 ? "baro" : "gnss";
    msg.vrFpm = (bit(f, 69) === 1 ? -64 * (vrRaw - 1) : 64 * (vrRaw - 1)) | 0;
  }
  const dRaw = bits(f, 82, 7);
  if (dRaw !== 0) msg.geoMinusBaroFt = (bit(f, 81) === 1 ? -25 * (dRaw - 1) : 25 * (dRaw - 1)) | 0;
}

// src/modes/adsb/index.ts
function decodeExtendedSquitter(f, msg) {
  let checkImf = false;
  if (msg.df === 18) {
    const cf = bits(f, 6, 3);
    msg.cf = cf;
    switch (cf) {
      case 0:
        msg.service = "adsb";
        break;
      case 1:
        msg.service = "adsb";
        msg.nonIcao = true;
        break;
      case 2:
        msg.service = "tisb";
        checkImf = true;
        break;
      case 3:
        msg.service = "tisb";
        decodeCoarseTisb(f, msg);
        return;
      case 5:
        msg.service = "tisb";
        msg.nonIcao = true;
        break;
      case 6:
        msg.service = "adsr";
        checkImf = true;
        break;
      default:
        return;
    }
  } else msg.service = "adsb";
  const tc = bits(f, 33, 5);
  msg.tc = tc;
  switch (tc) {
    case 1:
    case 2:
    case 3:
    case 4:
      decodeIdentification(f, msg, tc);
      break;
    case 5:
    case 6:
    case 7:
    case 8:
      decodeSurfacePosition(f, msg, tc, checkImf);
      break;
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18:
    case 20:
    case 21:
    case 22:
      decodeAirbornePosition(f, msg, tc, checkImf);
      break;
    case 19:
      decodeVelocity(f, msg, checkImf);
      break;
    case 28:
      decodeAircraftStatus(f, msg, checkImf);
      break;
    case 29:
      decodeTargetState(f, msg, checkImf);
      break;
    case 31:
      decodeOperationalStatus(f, msg, checkImf);
      break;
    default:
      break;
  }
}

// src/modes/commb/mb.ts
function mbBits(f, first, count) {
  return bits(f, 32 + first, count);
}
function mbBit(f, n) {
  return bit(f, 32 + n);
}
function mbZero(f, first, last) {
  for (let b = first; b <= last; b += 24) {
    const n = Math.min(24, last - b + 1);
    if (bits(f, 32 + b, n) !== 0) return false;
  }
  return true;
}
function mbEmpty(f) {
  return (f[4] | f[5] | f[6] | f[7] | f[8] | f[9] | f[10]) === 0;
}
function wrongStatus(f, status, first, last) {
  return mbBit(f, status) === 0 && !mbZero(f, first, last);
}
function mbSigned(f, signBit, count) {
  const v = mbBits(f, signBit + 1, count);
  return mbBit(f, signBit) === 1 ? v - (1 << count) : v;
}

// src/modes/commb/bds30.ts
function isBds30(f) {
  if (f[4] !== 48 || mbEmpty(f)) return false;
  if (mbBits(f, 29, 2) === 3) return false;
  return mbBits(f, 16, 7) < 48;
}
function decodeAcasMv(f, msg) {
  msg.ara = mbBits(f, 9, 14);
  msg.rac = mbBits(f, 23, 4);
  msg.raTerminated = mbBit(f, 27) === 1;
  msg.multipleThreats = mbBit(f, 28) === 1;
  const tti = mbBits(f, 29, 2);
  msg.threatType = tti;
  if (tti === 1) {
    msg.threatIcao = icaoHex(mbBits(f, 31, 24));
  } else if (tti === 2) {
    const alt = decodeAc13(mbBits(f, 31, 13));
    if (!Number.isNaN(alt)) msg.threatAltFt = Math.round(alt);
    const range = mbBits(f, 44, 7);
    if (range > 0) msg.threatRangeNm = (range - 1) / 10;
    const bearing = mbBits(f, 51, 6);
    if (bearing > 0 && bearing <= 60) msg.threatBearingDeg = 6 * bearing - 3;
  }
}
function decodeBds30(f, msg) {
  decodeAcasMv(f, msg);
}

// src/modes/commb/bds10.ts
function isBds10(f) {
  if (f[4] !== 16 || mbEmpty(f)) return false;
  if (mbBits(f, 10, 5) !== 0) return false;
  if (mbBit(f, 15) === 1 && mbBits(f, 17, 7) < 5) return false;
  return true;
}
function decodeBds10(f, msg) {
  msg.continuationFlag = mbBit(f, 9) === 1;
  msg.overlayCapable = mbBit(f, 15) === 1;
  msg.acasCapable = mbBit(f, 16) === 1;
  msg.subnetVersion = mbBits(f, 17, 7);
  msg.enhancedProtocol = mbBit(f, 24) === 1;
  msg.specificServices = mbBit(f, 25) === 1;
  msg.uelmCapability = mbBits(f, 26, 3);
  msg.delmCapability = mbBits(f, 29, 4);
  msg.aircraftIdCapable = mbBit(f, 33) === 1;
  msg.squitterCapable = mbBit(f, 34) === 1;
  msg.sicCapable = mbBit(f, 35) === 1;
  msg.gicbCapable = mbBit(f, 36) === 1;
  msg.hybridSurveillance = mbBit(f, 37) === 1;
  msg.acasRaCapable = mbBit(f, 38) === 1;
  msg.acasVersion = mbBits(f, 39, 2);
  msg.dteStatus = mbBits(f, 41, 16);
}

// src/modes/commb/bds17.ts
var GICB_REGISTERS = [
  "0,5",
  "0,6",
  "0,7",
  "0,8",
  "0,9",
  "0,A",
  "2,0",
  "2,1",
  "4,0",
  "4,1",
  "4,2",
  "4,3",
  "4,4",
  "4,5",
  "4,8",
  "5,0",
  "5,1",
  "5,2",
  "5,3",
  "5,4",
  "5,5",
  "5,6",
  "5,F",
  "6,0"
];
var GICB_BIT = {
  es: 1,
  // 0,5 .. 0,9 are bits 1..5
  ident: 7,
  // 2,0
  vertIntent: 9,
  // 4,0
  trackTurn: 16,
  // 5,0
  headingSpeed: 24
  // 6,0
};
function isBds17(f) {
  if (!mbZero(f, 25, 56)) return false;
  return mbBit(f, GICB_BIT.ident) === 1;
}
var lastMap = -1;
var lastList = [];
function decodeBds17(f, msg) {
  const map = mbBits(f, 1, 24);
  if (map !== lastMap) {
    const list = [];
    for (let i = 0; i < 24; i++) if (map >> 23 - i & 1) list.push(GICB_REGISTERS[i]);
    lastMap = map;
    lastList = list;
  }
  msg.capabilities = lastList;
}

// src/modes/commb/bds20.ts
var CHARSET = "#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######";
var VALID = new Uint8Array(64);
for (let i = 0; i < 64; i++) VALID[i] = CHARSET[i] === "#" ? 0 : 1;
function callsignCharCount(f) {
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const c = mbBits(f, 9 + 6 * i, 6);
    if (VALID[c] === 0) return -1;
    if (c !== 32) n++;
  }
  return n;
}
function isBds20(f) {
  if (f[4] !== 32) return false;
  if (mbZero(f, 9, 56)) return true;
  return callsignCharCount(f) >= 0;
}
function decodeBds20(f, msg) {
  let s = "";
  for (let i = 0; i < 8; i++) {
    const c = mbBits(f, 9 + 6 * i, 6);
    if (VALID[c] === 1) s += CHARSET[c];
  }
  s = s.trim();
  if (s.length > 0) msg.callsign = s;
}

// src/modes/commb/bds40.ts
var SOURCES = [void 0, "holding", "mcp", "fms"];
function isBds40(f) {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 13)) return false;
  if (wrongStatus(f, 14, 15, 26)) return false;
  if (wrongStatus(f, 27, 28, 39)) return false;
  if (wrongStatus(f, 48, 49, 51)) return false;
  if (wrongStatus(f, 54, 55, 56)) return false;
  return mbBits(f, 40, 8) === 0 && mbBits(f, 52, 2) === 0;
}
function decodeBds40(f, msg) {
  if (mbBit(f, 1)) msg.selAltMcpFt = mbBits(f, 2, 12) * 16;
  if (mbBit(f, 14)) msg.selAltFmsFt = mbBits(f, 15, 12) * 16;
  if (mbBit(f, 27)) msg.baroSettingMb = (8e3 + mbBits(f, 28, 12)) / 10;
  if (mbBit(f, 48)) {
    msg.vnav = mbBit(f, 49) === 1;
    msg.altHold = mbBit(f, 50) === 1;
    msg.approach = mbBit(f, 51) === 1;
  }
  if (mbBit(f, 54)) {
    const source = SOURCES[mbBits(f, 55, 2)];
    if (source !== void 0) msg.targetAltSource = source;
  }
}

// src/modes/commb/bds44.ts
function temp44C(f) {
  return mbSigned(f, 24, 10) * 0.25;
}
function isBds44(f) {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 5, 6, 23)) return false;
  if (wrongStatus(f, 35, 36, 46)) return false;
  if (wrongStatus(f, 47, 48, 49)) return false;
  if (wrongStatus(f, 50, 51, 56)) return false;
  if (mbBits(f, 1, 4) > 4) return false;
  const windStatus = mbBit(f, 5);
  const speed = mbBits(f, 6, 9);
  if (windStatus && speed > 250) return false;
  const t = temp44C(f);
  if (t < -80 || t > 60) return false;
  return !(windStatus && speed === 0 && mbBits(f, 15, 9) === 0 && mbBits(f, 24, 11) === 0);
}
function decodeBds44(f, msg) {
  msg.figureOfMerit = mbBits(f, 1, 4);
  if (mbBit(f, 5)) {
    msg.windKt = mbBits(f, 6, 9);
    msg.windDirDeg = mbBits(f, 15, 9) * 180 / 256;
  }
  msg.tempC = temp44C(f);
  if (mbBit(f, 35)) msg.pressureHpa = mbBits(f, 36, 11);
  if (mbBit(f, 47)) msg.turbulence = mbBits(f, 48, 2);
  if (mbBit(f, 50)) msg.humidityPct = mbBits(f, 51, 6) * 100 / 64;
}

// src/modes/commb/bds45.ts
function temp45C(f) {
  return mbSigned(f, 17, 9) * 0.25;
}
function isBds45(f) {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 3)) return false;
  if (wrongStatus(f, 4, 5, 6)) return false;
  if (wrongStatus(f, 7, 8, 9)) return false;
  if (wrongStatus(f, 10, 11, 12)) return false;
  if (wrongStatus(f, 13, 14, 15)) return false;
  if (wrongStatus(f, 16, 17, 26)) return false;
  if (wrongStatus(f, 27, 28, 38)) return false;
  if (wrongStatus(f, 39, 40, 51)) return false;
  if (mbBits(f, 52, 5) !== 0) return false;
  if (mbBit(f, 16)) {
    const t = temp45C(f);
    if (t < -80 || t > 60) return false;
  }
  return true;
}
function decodeBds45(f, msg) {
  if (mbBit(f, 1)) msg.turbulence = mbBits(f, 2, 2);
  if (mbBit(f, 4)) msg.windShear = mbBits(f, 5, 2);
  if (mbBit(f, 7)) msg.microburst = mbBits(f, 8, 2);
  if (mbBit(f, 10)) msg.icing = mbBits(f, 11, 2);
  if (mbBit(f, 13)) msg.wakeVortex = mbBits(f, 14, 2);
  if (mbBit(f, 16)) msg.tempC = temp45C(f);
  if (mbBit(f, 27)) msg.pressureHpa = mbBits(f, 28, 11);
  if (mbBit(f, 39)) msg.radioHeightFt = mbBits(f, 40, 12) * 16;
}

// src/modes/commb/bds50.ts
var roll50Deg = (f) => mbSigned(f, 2, 9) * 45 / 256;
var gs50Kt = (f) => mbBits(f, 25, 10) * 2;
var tas50Kt = (f) => mbBits(f, 47, 10) * 2;
var trackRate50DegS = (f) => mbSigned(f, 36, 9) * 8 / 256;
function track50Deg(f) {
  const d = mbSigned(f, 13, 10) * 90 / 512;
  return d < 0 ? d + 360 : d;
}
function isBds50(f) {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 11)) return false;
  if (wrongStatus(f, 12, 13, 23)) return false;
  if (wrongStatus(f, 24, 25, 34)) return false;
  if (wrongStatus(f, 35, 36, 45)) return false;
  if (wrongStatus(f, 46, 47, 56)) return false;
  if (mbBit(f, 1) && Math.abs(roll50Deg(f)) > 50) return false;
  const gsOk = mbBit(f, 24) === 1;
  const tasOk = mbBit(f, 46) === 1;
  if (gsOk && gs50Kt(f) > 600) return false;
  if (tasOk && tas50Kt(f) > 600) return false;
  return !(gsOk && tasOk && Math.abs(gs50Kt(f) - tas50Kt(f)) > 200);
}
function decodeBds50(f, msg) {
  if (mbBit(f, 1)) msg.rollDeg = roll50Deg(f);
  if (mbBit(f, 12)) msg.trackDeg = track50Deg(f);
  if (mbBit(f, 24)) msg.gsKt = gs50Kt(f);
  if (mbBit(f, 35)) msg.trackRateDegS = trackRate50DegS(f);
  if (mbBit(f, 46)) msg.tasKt = tas50Kt(f);
}

// src/modes/commb/bds60.ts
var ias60Kt = (f) => mbBits(f, 14, 10);
var mach60 = (f) => mbBits(f, 25, 10) * 2.048 / 512;
var baroVr60Fpm = (f) => mbSigned(f, 36, 9) * 32;
var inertialVr60Fpm = (f) => mbSigned(f, 47, 9) * 32;
function heading60Deg(f) {
  const d = mbSigned(f, 2, 10) * 90 / 512;
  return d < 0 ? d + 360 : d;
}
var KT = 1852 / 3600;
var P0 = 101325;
var RHO0 = 1.225;
var R = 287.05287;
var GAMMA = 1.4;
function isa(altFt, out) {
  const h = altFt * 0.3048;
  const t = Math.max(288.15 - 65e-4 * h, 216.65);
  const rhoTrop = 1.225 * (t / 288.15) ** 4.256848030018761;
  const rho = rhoTrop * Math.exp(-Math.max(0, h - 11e3) / 6341.552161);
  out[0] = t;
  out[1] = rho * R * t;
  out[2] = rho;
}
var atm = new Float64Array(3);
function isaTempC(altFt) {
  isa(altFt, atm);
  return atm[0] - 273.15;
}
function isaPressureHpa(altFt) {
  isa(altFt, atm);
  return atm[1] / 100;
}
function machToTasKt(mach, altFt) {
  isa(altFt, atm);
  return mach * Math.sqrt(GAMMA * R * atm[0]) / KT;
}
function machToCasKt(mach, altFt) {
  isa(altFt, atm);
  const p = atm[1];
  const rho = atm[2];
  const tas = mach * Math.sqrt(GAMMA * R * atm[0]);
  const qc = p * ((1 + rho * tas * tas / (7 * p)) ** 3.5 - 1);
  return Math.sqrt(7 * P0 / RHO0 * ((qc / P0 + 1) ** (2 / 7) - 1)) / KT;
}
function casToTasKt(casKt, altFt) {
  isa(altFt, atm);
  const p = atm[1];
  const rho = atm[2];
  const cas = casKt * KT;
  const qc = P0 * ((1 + RHO0 * cas * cas / (7 * P0)) ** 3.5 - 1);
  return Math.sqrt(7 * p / rho * ((qc / p + 1) ** (2 / 7) - 1)) / KT;
}
var IAS_MACH_TOLERANCE_KT = 20;
function isBds60(f) {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 12)) return false;
  if (wrongStatus(f, 13, 14, 23)) return false;
  if (wrongStatus(f, 24, 25, 34)) return false;
  if (wrongStatus(f, 35, 36, 45)) return false;
  if (wrongStatus(f, 46, 47, 56)) return false;
  const iasOk = mbBit(f, 13) === 1;
  const machOk = mbBit(f, 24) === 1;
  if (iasOk && ias60Kt(f) > 500) return false;
  if (machOk && mach60(f) > 1) return false;
  if (mbBit(f, 35) && Math.abs(baroVr60Fpm(f)) > 6e3) return false;
  if (mbBit(f, 46) && Math.abs(inertialVr60Fpm(f)) > 6e3) return false;
  if (iasOk && machOk && f[0] >> 3 === 20) {
    const alt = decodeAc13(bits(f, 20, 13));
    if (!Number.isNaN(alt) && Math.abs(ias60Kt(f) - machToCasKt(mach60(f), alt)) > IAS_MACH_TOLERANCE_KT) return false;
  }
  return true;
}
function decodeBds60(f, msg) {
  if (mbBit(f, 1)) msg.headingDeg = heading60Deg(f);
  if (mbBit(f, 13)) msg.iasKt = ias60Kt(f);
  if (mbBit(f, 24)) msg.mach = mach60(f);
  if (mbBit(f, 35)) msg.baroVrFpm = baroVr60Fpm(f);
  if (mbBit(f, 46)) msg.inertialVrFpm = inertialVr60Fpm(f);
}

// src/modes/commb/infer.ts
var REGISTERS = ["1,0", "1,7", "2,0", "3,0", "4,0", "4,4", "4,5", "5,0", "6,0"];
var R10 = 0;
var R17 = 1;
var R20 = 2;
var R30 = 3;
var R40 = 4;
var R44 = 5;
var R45 = 6;
var R50 = 7;
var R60 = 8;
var MARGIN = 10;
function candidateMask(f, meteo) {
  let m = 0;
  const id = f[4];
  if (id === 16 && isBds10(f)) m |= 1 << R10;
  else if (id === 32 && isBds20(f)) m |= 1 << R20;
  else if (id === 48 && isBds30(f)) m |= 1 << R30;
  if (isBds17(f)) m |= 1 << R17;
  if (isBds40(f)) m |= 1 << R40;
  if (isBds50(f)) m |= 1 << R50;
  if (isBds60(f)) m |= 1 << R60;
  if (meteo) {
    if (isBds44(f)) m |= 1 << R44;
    if (isBds45(f)) m |= 1 << R45;
  }
  return m;
}
function angleDiff(a, b) {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
function closeness(d, near, far, good, bad) {
  const a = Math.abs(d);
  if (a <= near) return good;
  if (a > far) return -bad;
  return 0;
}
var RARE_GICB_BITS = new Uint8Array([10, 11, 12, 13, 14, 20, 21, 22]);
function score17(f) {
  let s = 20;
  if (mbBit(f, GICB_BIT.ident)) s += 8;
  const es = mbBits(f, 1, 5);
  if (es === 31 || es === 0) s += 6;
  else s -= 12;
  for (let i = 0; i < RARE_GICB_BITS.length; i++) if (mbBit(f, RARE_GICB_BITS[i])) s -= 3;
  const ehs = mbBit(f, GICB_BIT.trackTurn) + mbBit(f, GICB_BIT.headingSpeed);
  if (ehs === 2) s += mbBit(f, GICB_BIT.vertIntent) ? 4 : 3;
  else if (ehs === 1) s -= 6;
  return s;
}
function selectedAltScore(ft, altFt) {
  if (ft < 0 || ft > 5e4) return -5;
  let s = 8;
  const r100 = ft % 100;
  if (r100 < 16 || r100 > 84) s += 4;
  const r1000 = ft % 1e3;
  if (r1000 < 16 || r1000 > 984) s += 2;
  if (!Number.isNaN(altFt) && Math.abs(ft - altFt) < 150) s += 4;
  return s;
}
function score40(f, altFt) {
  let s = 0;
  const mcp = mbBit(f, 1) ? mbBits(f, 2, 12) * 16 : -1;
  const fms = mbBit(f, 14) ? mbBits(f, 15, 12) * 16 : -1;
  s += mcp >= 0 ? selectedAltScore(mcp, altFt) : 1;
  s += fms >= 0 ? selectedAltScore(fms, altFt) : 1;
  if (mcp >= 0 && fms >= 0 && mcp === fms) s += 3;
  if (mbBit(f, 27)) {
    const raw = mbBits(f, 28, 12);
    const mb = 800 + raw / 10;
    if (raw === 2132) s += 14;
    else if (mb >= 950 && mb <= 1060) s += 10;
    else s -= 5;
  } else s += 1;
  s += mbBit(f, 48) ? 3 : 1;
  s += mbBit(f, 54) ? 3 : 1;
  return s;
}
function score50(f, known) {
  let s = 0;
  const rollOk = mbBit(f, 1) === 1;
  const trackOk = mbBit(f, 12) === 1;
  const gsOk = mbBit(f, 24) === 1;
  const rateOk = mbBit(f, 35) === 1;
  const tasOk = mbBit(f, 46) === 1;
  const roll = roll50Deg(f);
  const gs = gs50Kt(f);
  const tas = tas50Kt(f);
  const rate = trackRate50DegS(f);
  s += rollOk ? Math.abs(roll) <= 35 ? 10 : 2 : 1;
  s += trackOk ? 8 : 1;
  s += gsOk ? gs >= 60 && gs <= 650 ? 10 : -5 : 1;
  s += rateOk ? Math.abs(rate) <= 4 ? 8 : Math.abs(rate) <= 10 ? 2 : -5 : 1;
  s += tasOk ? tas >= 60 && tas <= 600 ? 10 : -5 : 1;
  if (gsOk && tasOk) s += closeness(gs - tas, 80, 150, 6, 6);
  if (rollOk && tasOk && rateOk && tas > 0) {
    const expected = 9.80665 * Math.tan(roll * Math.PI / 180) / (tas * (1852 / 3600)) * (180 / Math.PI);
    s += closeness(expected - rate, 0.5, 2, 6, 6);
  }
  if (known) {
    if (gsOk && known.gsKt !== void 0) s += closeness(gs - known.gsKt, 30, 80, 15, 15);
    if (tasOk && known.tasKt !== void 0) s += closeness(tas - known.tasKt, 30, 80, 15, 15);
    if (trackOk && known.trackDeg !== void 0) s += closeness(angleDiff(track50Deg(f), known.trackDeg), 15, 45, 15, 15);
    else if (trackOk && known.headingDeg !== void 0)
      s += closeness(angleDiff(track50Deg(f), known.headingDeg), 25, 60, 8, 8);
  }
  return s;
}
function score60(f, altFt, known) {
  let s = 0;
  const hdgOk = mbBit(f, 1) === 1;
  const iasOk = mbBit(f, 13) === 1;
  const machOk = mbBit(f, 24) === 1;
  const bvrOk = mbBit(f, 35) === 1;
  const ivrOk = mbBit(f, 46) === 1;
  const ias = ias60Kt(f);
  const mach = mach60(f);
  const bvr = baroVr60Fpm(f);
  const ivr = inertialVr60Fpm(f);
  s += hdgOk ? 8 : 1;
  s += iasOk ? ias >= 60 && ias <= 450 ? 10 : -10 : 1;
  s += machOk ? mach >= 0.1 && mach <= 0.95 ? 10 : -10 : 1;
  s += bvrOk ? Math.abs(bvr) <= 4e3 ? 6 : -3 : 1;
  s += ivrOk ? Math.abs(ivr) <= 4e3 ? 6 : -3 : 1;
  if (bvrOk && ivrOk) s += closeness(bvr - ivr, 500, 1500, 8, 8);
  const haveAlt = !Number.isNaN(altFt);
  if (iasOk && machOk && haveAlt) s += closeness(ias - machToCasKt(mach, altFt), 10, 20, 12, 20);
  if (known) {
    let tas = Number.NaN;
    if (haveAlt) {
      if (machOk) tas = machToTasKt(mach, altFt);
      else if (iasOk) tas = casToTasKt(ias, altFt);
    }
    if (!Number.isNaN(tas)) {
      if (known.tasKt !== void 0) s += closeness(tas - known.tasKt, 30, 80, 15, 15);
      else if (known.gsKt !== void 0) s += closeness(tas - known.gsKt, 50, 120, 8, 12);
    }
    if (hdgOk && known.headingDeg !== void 0)
      s += closeness(angleDiff(heading60Deg(f), known.headingDeg), 20, 45, 15, 15);
    else if (hdgOk && known.trackDeg !== void 0)
      s += closeness(angleDiff(heading60Deg(f), known.trackDeg), 25, 60, 8, 8);
  }
  return s;
}
function score44(f, altFt) {
  let s = -10;
  if (mbBit(f, 5)) s += 4;
  if (!Number.isNaN(altFt)) {
    s += closeness(temp44C(f) - isaTempC(altFt), 20, 35, 10, 10);
    if (mbBit(f, 35)) s += closeness(mbBits(f, 36, 11) - isaPressureHpa(altFt), 30, 80, 8, 8);
  }
  return s;
}
function score45(f, altFt) {
  let s = -10;
  if (!Number.isNaN(altFt)) {
    if (mbBit(f, 16)) s += closeness(temp45C(f) - isaTempC(altFt), 20, 35, 10, 10);
    if (mbBit(f, 27)) s += closeness(mbBits(f, 28, 11) - isaPressureHpa(altFt), 30, 80, 8, 8);
    if (mbBit(f, 39) && mbBits(f, 40, 12) * 16 > altFt + 2e3) s -= 10;
  }
  return s;
}
function scoreRegister(reg, f, altFt, known) {
  switch (reg) {
    case R10:
    case R30:
      return 56;
    // their number is in the reply and their reserved bits were checked
    case R20: {
      const n = callsignCharCount(f);
      return 30 + 4 * Math.max(n, 0);
    }
    case R17:
      return score17(f);
    case R40:
      return score40(f, altFt);
    case R44:
      return score44(f, altFt);
    case R45:
      return score45(f, altFt);
    case R50:
      return score50(f, known);
    case R60:
      return score60(f, altFt, known);
    default:
      return Number.NEGATIVE_INFINITY;
  }
}
var scores = new Float64Array(REGISTERS.length);
function settle(f, mask, altFt, known, contenders2) {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < REGISTERS.length; r++) {
    if ((mask & 1 << r) === 0) continue;
    const s = scoreRegister(r, f, altFt, known);
    scores[r] = s;
    if (s > bestScore) {
      bestScore = s;
      best = r;
    }
  }
  let close = 0;
  for (let r = 0; r < REGISTERS.length; r++) {
    if ((mask & 1 << r) !== 0 && bestScore - scores[r] < MARGIN) close |= 1 << r;
  }
  if (close === 1 << best) return best;
  contenders2.mask = close;
  return -1;
}
function registersOf(mask) {
  const out = [];
  for (let r = 0; r < REGISTERS.length; r++) if (mask & 1 << r) out.push(REGISTERS[r]);
  return out;
}
function singleRegister(mask) {
  if (mask === 0 || (mask & mask - 1) !== 0) return -1;
  return 31 - Math.clz32(mask);
}

// src/modes/commb/index.ts
var DECODERS = [
  decodeBds10,
  decodeBds17,
  decodeBds20,
  decodeBds30,
  decodeBds40,
  decodeBds44,
  decodeBds45,
  decodeBds50,
  decodeBds60
];
var contenders = { mask: 0 };
function decodeCommB(f, msg, meteo, known) {
  if (mbEmpty(f)) return;
  const mask = candidateMask(f, meteo);
  if (mask === 0) return;
  let reg = singleRegister(mask);
  if (reg < 0) {
    const altFt = msg.df === 20 && msg.altFt !== void 0 ? msg.altFt : known?.altFt ?? Number.NaN;
    reg = settle(f, mask, altFt, known, contenders);
    if (reg < 0) {
      msg.bdsCandidates = registersOf(contenders.mask);
      return;
    }
  }
  msg.bds = REGISTERS[reg];
  DECODERS[reg](f, msg);
}

// src/modes/crc.ts
var GENERATOR = 16774153;
var TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 16;
    for (let j = 0; j < 8; j++) c = c & 8388608 ? (c << 1 ^ GENERATOR) & 16777215 : c << 1 & 16777215;
    t[i] = c;
  }
  return t;
})();
function crcResidual(f, lenBytes) {
  let c = 0;
  const dataLen = lenBytes - 3;
  for (let i = 0; i < dataLen; i++) c = c << 8 & 16777215 ^ TABLE[(c >> 16 ^ f[i]) & 255];
  return (c ^ (f[dataLen] << 16 | f[dataLen + 1] << 8 | f[dataLen + 2])) >>> 0;
}
function buildSyndromes(lenBytes) {
  const m = /* @__PURE__ */ new Map();
  const f = new Uint8Array(lenBytes);
  for (let bitIndex = 5; bitIndex < lenBytes * 8; bitIndex++) {
    f.fill(0);
    f[bitIndex >> 3] = 128 >> (bitIndex & 7);
    m.set(crcResidual(f, lenBytes), bitIndex);
  }
  return m;
}
var SYNDROMES_LONG = buildSyndromes(14);
var SYNDROMES_SHORT = buildSyndromes(7);
function singleBitErrorAt(residual, lenBytes) {
  const at = (lenBytes === 14 ? SYNDROMES_LONG : SYNDROMES_SHORT).get(residual);
  return at === void 0 ? -1 : at;
}
function flipBit(f, bitIndex) {
  f[bitIndex >> 3] ^= 128 >> (bitIndex & 7);
}

// src/modes/decode.ts
var LENGTH_BY_DF = new Uint8Array(32);
for (const df of [0, 4, 5, 11]) LENGTH_BY_DF[df] = 7;
for (const df of [16, 17, 18, 19, 20, 21, 22]) LENGTH_BY_DF[df] = 14;
for (let df = 24; df < 32; df++) LENGTH_BY_DF[df] = 14;
function downlinkFormat(firstByte) {
  const df = firstByte >> 3;
  return df >= 24 ? 24 : df;
}
var DEFAULTS = {
  raw: false,
  correctExtendedSquitter: true,
  correctAllCall: false,
  keepBad: false,
  meteo: false
};
var scratch2 = new Uint8Array(14);
function reject(reason, df, timeMs, raw) {
  return raw === void 0 ? { reject: reason, df, timeMs } : { reject: reason, df, timeMs, raw };
}
function decodeModeS(buf, offset, lenBytes, timeMs, options, known) {
  const opts = options ?? DEFAULTS;
  const f = scratch2;
  for (let i = 0; i < lenBytes && i < 14; i++) f[i] = buf[offset + i];
  const raw = opts.raw ? toHex(buf.subarray(offset, offset + lenBytes)) : void 0;
  if (lenBytes !== 7 && lenBytes !== 14) return reject("bad-length", lenBytes > 0 ? downlinkFormat(f[0]) : -1, timeMs, raw);
  const df = downlinkFormat(f[0]);
  const expected = LENGTH_BY_DF[df];
  if (expected === 0) return reject("unknown-df", df, timeMs, raw);
  if (expected !== lenBytes) return reject("bad-length", df, timeMs, raw);
  const fullResidual = crcResidual(f, lenBytes);
  let residual = fullResidual;
  let crc;
  let icao;
  let correctedBit = -1;
  let iid = 0;
  if (df === 17 || df === 18 || df === 19 || df === 11) {
    if (df === 11) {
      iid = residual & 127;
      residual &= 16777088;
    }
    if (residual === 0) crc = "ok";
    else {
      const mayCorrect = df === 11 ? opts.correctAllCall ?? false : opts.correctExtendedSquitter ?? true;
      const at = mayCorrect ? singleBitErrorAt(fullResidual, lenBytes) : -1;
      if (at >= 0) {
        flipBit(f, at);
        crc = "corrected";
        correctedBit = at;
        iid = 0;
      } else if (opts.keepBad) crc = "bad";
      else return reject("crc", df, timeMs, raw);
    }
    icao = bits(f, 9, 24);
  } else {
    crc = "ap";
    icao = residual;
  }
  const msg = { timeMs, df, icao: icaoHex(icao), crc };
  if (raw !== void 0) msg.raw = raw;
  if (correctedBit >= 0) msg.correctedBit = correctedBit;
  switch (df) {
    case 0:
    case 16:
      decodeAcas(f, msg);
      break;
    case 4:
    case 20:
      decodeSurveillanceHeader(f, msg);
      setAltitude(msg, bits(f, 20, 13));
      if (df === 20) decodeCommB(f, msg, opts.meteo ?? false, known?.(msg.icao));
      break;
    case 5:
    case 21:
      decodeSurveillanceHeader(f, msg);
      setSquawk(msg, bits(f, 20, 13));
      if (df === 21) decodeCommB(f, msg, opts.meteo ?? false, known?.(msg.icao));
      break;
    case 11:
      msg.capability = bits(f, 6, 3);
      setGroundFromCapability(msg);
      if (iid !== 0) msg.iid = iid;
      break;
    case 17:
      msg.capability = bits(f, 6, 3);
      setGroundFromCapability(msg);
      decodeExtendedSquitter(f, msg);
      break;
    case 18:
      decodeExtendedSquitter(f, msg);
      break;
    case 19:
      msg.af = bits(f, 6, 3);
      if (msg.af === 0) decodeExtendedSquitter(f, msg);
      break;
    default:
      break;
  }
  return msg;
}
function decodeSurveillanceHeader(f, msg) {
  const fs = bits(f, 6, 3);
  msg.flightStatus = fs;
  msg.dr = bits(f, 9, 5);
  msg.um = bits(f, 14, 6);
  if (fs === 1 || fs === 3) msg.onGround = true;
  else if (fs === 0 || fs === 2) msg.onGround = false;
  if (fs >= 2 && fs <= 4) msg.alert = true;
  if (fs === 4 || fs === 5) msg.spi = true;
}
function setAltitude(msg, ac13) {
  const ft = decodeAc13(ac13);
  if (Number.isNaN(ft)) return;
  msg.altFt = Math.round(ft);
  msg.altSource = "baro";
  if (ac13IsMetric(ac13)) msg.altM = Math.round(ft * 0.3048);
}
function setSquawk(msg, id13) {
  const squawk = decodeSquawk(id13);
  msg.squawk = squawk;
  const emergency = squawkEmergency(squawk);
  if (emergency) msg.emergency = emergency;
}
function setGroundFromCapability(msg) {
  if (msg.capability === 4) msg.onGround = true;
  else if (msg.capability === 5) msg.onGround = false;
}
function decodeAcas(f, msg) {
  msg.onGround = bit(f, 6) === 1;
  msg.sensitivityLevel = bits(f, 9, 3);
  msg.replyInformation = bits(f, 14, 4);
  if (msg.df === 0) msg.crossLinkCapability = bit(f, 7) === 1;
  setAltitude(msg, bits(f, 20, 13));
  if (msg.df === 16) {
    msg.mv = toHex(f.subarray(4, 11));
    if (f[4] === 48) decodeAcasMv(f, msg);
  }
}

// bench/.micro.ts
function load(name, col) {
  const t = readFileSync(new URL(`../test/fixtures/modes/${name}`, import.meta.url), "utf8").replace(/^\uFEFF/, "");
  return t.trim().split("\n").map((l) => {
    const m = l.match(/[0-9A-Fa-f]{28}|[0-9A-Fa-f]{14}/g);
    return hexToBytes(m[m.length - 1]);
  });
}
var sets = {
  adsb: load("sample_data_adsb.csv", "last"),
  df20: load("sample_data_commb_df20.csv", "last"),
  df21: load("sample_data_commb_df21.csv", "last"),
  hist: load("hist_2015_data.txt", "last")
};
for (const [name, frames] of Object.entries(sets)) {
  let best = 0;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    let k = 0;
    for (let rep = 0; rep < 50; rep++) for (const f of frames) {
      const m = decodeModeS(f, 0, f.length, 0);
      if (m.icao) k++;
    }
    const rate = frames.length * 50 / (performance.now() - t0) * 1e3;
    best = Math.max(best, rate);
  }
  console.log(name, Math.round(best));
}
