// SPDX-License-Identifier: GPL-3.0-or-later
// Fields that Comm-B replies (DF20/21) add to a ModeSMessage, one group per BDS register.
// Units are those of ICAO Doc 9871 (ft, kt, ft/min, degrees, hPa = mb). A field is set only when the
// register's status bit says it is valid. Names that ADS-B also uses (callsign, gsKt, tasKt, trackDeg,
// headingDeg and the TC28 RA fields) have the same meaning and type there.

/**
 * Where the target altitude comes from (register 4,0 bits 55-56; the same coding as ADS-B TC29 version 1):
 * 'holding' is the aircraft's own altitude (code 1); code 0 (unknown) leaves the field unset.
 */
export type TargetAltSource = 'mcp' | 'holding' | 'fms';

export interface CommBFields {
  /** The inferred register as 'X,Y' (e.g. '4,0'), or absent when no register fits or several do. */
  bds?: string;
  /** Registers that fit when inference could not settle on one. */
  bdsCandidates?: string[];

  // BDS 1,0 data link capability report (Doc 9871 Table A-2-16)
  /** Bit 9: the next register (1,1) continues this report. */
  continuationFlag?: boolean;
  /** Bit 15: the transponder has overlay command capability. */
  overlayCapable?: boolean;
  /** Bit 16 (reserved for ACAS): set when ACAS is installed and operating. */
  acasCapable?: boolean;
  /** Bits 17-23: Mode S subnetwork version (0 none, 1-2 Doc 9688, 3 Annex 10 Amdt 77, 4-5 Doc 9871 ed 1-2). */
  subnetVersion?: number;
  /** Bit 24: transponder enhanced protocol indicator (level 5). */
  enhancedProtocol?: boolean;
  /** Bit 25: at least one Mode S specific service is supported. */
  specificServices?: boolean;
  /** Bits 26-28: uplink ELM average throughput capability code. */
  uelmCapability?: number;
  /** Bits 29-32: downlink ELM throughput capability code. */
  delmCapability?: number;
  /** Bit 33: aircraft identification available. */
  aircraftIdCapable?: boolean;
  /** Bit 34: squitter capability (registers 0,5 and 0,6 updated). */
  squitterCapable?: boolean;
  /** Bit 35: surveillance identifier code capability. */
  sicCapable?: boolean;
  /** Bit 36: common usage GICB capability report (1,7) changed. */
  gicbCapable?: boolean;
  /** Bit 37: ACAS hybrid surveillance capability. */
  hybridSurveillance?: boolean;
  /** Bit 38: ACAS generates TAs and RAs (false: TAs only). */
  acasRaCapable?: boolean;
  /** Bits 39-40: ACAS version (RTCA DO-185 = 0, DO-185A = 1, DO-185B = 2, 3 reserved). */
  acasVersion?: number;
  /** Bits 41-56: data terminal equipment status, one bit per sub-address 0..15. */
  dteStatus?: number;

  // BDS 1,7 common usage GICB capability report (Table A-2-23)
  /** Registers the transponder updates, as 'X,Y' in the order of the report's bits. */
  capabilities?: string[];

  // BDS 2,0 aircraft identification: sets `callsign` (shared with ADS-B, trimmed).

  // BDS 3,0 ACAS active resolution advisory (Table A-2-48); also DF16 MV with VDS 3,0, and ADS-B TC28/2
  /** Active resolution advisories, 14 bits (bits 41-54 of the frame; bit 41 first). */
  ara?: number;
  /** RA complements record, 4 bits: do not pass below, above, turn left, turn right. */
  rac?: number;
  /** RA terminated (RAT). */
  raTerminated?: boolean;
  /** Multiple threat encounter (MTE). */
  multipleThreats?: boolean;
  /** Threat type indicator: 0 none, 1 ICAO address, 2 altitude/range/bearing, 3 not assigned. */
  threatType?: number;
  /** Threat's ICAO address (threatType 1), 6 lowercase hex characters. */
  threatIcao?: string;
  /** Threat's altitude (threatType 2), when coded. */
  threatAltFt?: number;
  /** Threat's range (threatType 2): (n-1)/10 NM, 12.6 meaning more than 12.55 NM. */
  threatRangeNm?: number;
  /** Threat's bearing relative to own heading (threatType 2): middle of the 6° sector. */
  threatBearingDeg?: number;

  // BDS 4,0 selected vertical intention (Table A-2-64)
  /** MCP/FCU selected altitude, 16 ft steps. */
  selAltMcpFt?: number;
  /** FMS selected altitude, 16 ft steps. */
  selAltFmsFt?: number;
  /** Barometric pressure setting: 800 + raw/10 mb. */
  baroSettingMb?: number;
  /** MCP/FCU mode bits (names shared with ADS-B TC29), set only when their status bit is. */
  vnav?: boolean;
  altHold?: boolean;
  approach?: boolean;
  /** Target altitude source, when its status bit is set. */
  targetAltSource?: TargetAltSource;

  // BDS 4,4 meteorological routine air report (Table A-2-68), decoded only when meteo is asked
  /** Figure of merit / source, bits 1-4 (0..4). */
  figureOfMerit?: number;
  windKt?: number;
  /** Direction the wind blows from, true, 180/256° steps. */
  windDirDeg?: number;
  /** Static air temperature (4,4 and 4,5). */
  tempC?: number;
  /** Average static pressure (4,4 and 4,5). */
  pressureHpa?: number;
  /** Hazard levels 0 nil, 1 light, 2 moderate, 3 severe (turbulence in 4,4 and 4,5). */
  turbulence?: number;
  humidityPct?: number;

  // BDS 4,5 meteorological hazard report (Table A-2-69), decoded only when meteo is asked
  windShear?: number;
  microburst?: number;
  icing?: number;
  wakeVortex?: number;
  radioHeightFt?: number;

  // BDS 5,0 track and turn report (Table A-2-80): sets trackDeg (true), gsKt, tasKt (shared with ADS-B) and
  /** Roll angle, negative for left wing down. */
  rollDeg?: number;
  /** Track angle rate, negative for a left turn. */
  trackRateDegS?: number;

  // BDS 6,0 heading and speed report (Table A-2-96): sets headingDeg (magnetic here) and
  iasKt?: number;
  mach?: number;
  /** Barometric altitude rate. */
  baroVrFpm?: number;
  /** Inertial vertical velocity. */
  inertialVrFpm?: number;
}

/**
 * What the stream decoder already knows of an aircraft (from ADS-B or earlier replies); Comm-B inference
 * uses it to settle replies that fit several registers (5,0 against 6,0 above all).
 */
export interface KnownState {
  altFt?: number;
  gsKt?: number;
  tasKt?: number;
  trackDeg?: number;
  headingDeg?: number;
  callsign?: string;
}
