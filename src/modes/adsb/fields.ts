// SPDX-License-Identifier: GPL-3.0-or-later
// Fields that ADS-B extended squitters (DF17/18, DF19 AF=0) add to a ModeSMessage.
// Units are those of DO-260B / ICAO Doc 9871: ft, kt, ft/min, degrees. A field is set only when the
// message carries it and marks it valid; absent means "not in this message" or "no data".

export interface AdsbFields {
  /** Type code of the ME field, 0..31. */
  tc?: number;
  /** DF18 control field. */
  cf?: number;
  /** Which service carried the squitter: ADS-B proper, TIS-B or ADS-R (DF18). */
  service?: 'adsb' | 'tisb' | 'adsr';
  /** True when the address is not an ICAO 24-bit address (DF18 CF1/CF5, IMF=1). */
  nonIcao?: boolean;
  /** ICAO/Mode A flag of TIS-B and ADS-R (DF18 CF2/3/6): 1 when the address is not an ICAO address. */
  imf?: number;
  /** Subtype of TC 28, 29 and 31 messages (TC 19 uses velSubtype). */
  subtype?: number;
  /** Emitter category number (0..7) within the type code's set, TC 1..4. */
  category?: number;
  /** Emitter category as in DO-260B, e.g. 'A3' (TC 4, category 3). */
  categoryCode?: string;
  callsign?: string;

  // Positions (TC 5..8 surface, 9..18 and 20..22 airborne)
  /** CPR format: 0 even, 1 odd. */
  cprFormat?: 0 | 1;
  /** Raw 17-bit CPR latitude and longitude (12-bit for coarse TIS-B). */
  cprLat?: number;
  cprLon?: number;
  lat?: number;
  lon?: number;
  /** Surveillance status 0..3 (0 none, 1 permanent alert, 2 temporary alert, 3 SPI). */
  surveillanceStatus?: number;
  /** Airborne position ME bit 8: NIC supplement-B (version 2) or single-antenna flag (versions 0, 1). */
  nicB?: number;
  /** T bit: the position is synchronised to UTC time. */
  timeSync?: boolean;
  /** NUCp the type code implies (meaningful for version 0 transmitters). */
  nucP?: number;
  /** NIC from the type code (versions 1 and 2), set only when the supplements cannot change it. */
  nic?: number;
  /** Containment radius of that NIC, metres. */
  rcM?: number;
  /** Raw surface movement code 0..127 (0: no information; 124: 175 kt or more; 125..127 reserved). */
  movement?: number;
  /** Surface position: ground track (or heading, per TC31 TAH) status bit. */
  trackValid?: boolean;

  // Airborne velocity (TC 19)
  gsKt?: number;
  trackDeg?: number;
  headingDeg?: number;
  iasKt?: number;
  tasKt?: number;
  vrFpm?: number;
  vrSource?: 'baro' | 'gnss';
  /** Airborne velocity subtype 1..4. */
  velSubtype?: number;
  /** GNSS height minus barometric altitude. */
  geoMinusBaroFt?: number;
  /** Velocity ME bit 9: intent change flag. */
  intentChange?: boolean;
  /** Velocity ME bit 10: IFR capability (versions 0, 1; reserved in 2). */
  ifrCapability?: boolean;
  /** Navigation accuracy category for velocity (NUCr in version 0). */
  nacV?: number;

  // Aircraft status (TC 28): emergency and squawk go into the common fields
  /** ACAS active resolution advisories, 14 bits. */
  ara?: number;
  /** RA complements, 4 bits. */
  rac?: number;
  /** RAT: RA terminated. (Names and conventions shared with Comm-B register 3,0.) */
  raTerminated?: boolean;
  /** MTE: multiple threat encounter. */
  multipleThreats?: boolean;
  /** TTI: threat type indicator: 0 none, 1 ICAO address, 2 altitude/range/bearing, 3 reserved. */
  threatType?: number;
  threatIcao?: string;
  threatAltFt?: number;
  /** Threat range, (TIDR - 1) / 10 NM; 12.6 means more than 12.55 NM. */
  threatRangeNm?: number;
  /** Threat bearing, the middle of the TIDB's 6-degree sector. */
  threatBearingDeg?: number;

  // Target state and status (TC 29)
  /** Selected altitude from the MCP/FCU. */
  selAltMcpFt?: number;
  /** Selected altitude from the FMS. */
  selAltFmsFt?: number;
  baroSettingMb?: number;
  selHeadingDeg?: number;
  /** Version 1 target altitude and its source. */
  targetAltFt?: number;
  targetAltSource?: 'mcp' | 'holding' | 'fms';
  /** Version 1: target altitude referenced to flight level (true) or MSL (false). */
  targetAltIsFl?: boolean;
  /** Version 1: target heading (targetIsTrack false) or track angle. */
  targetHeadingDeg?: number;
  targetIsTrack?: boolean;
  /** Version 1 vertical/horizontal mode indicators: 0 unknown, 1 acquiring, 2 capturing/maintaining. */
  verticalMode?: number;
  horizontalMode?: number;
  autopilot?: boolean;
  vnav?: boolean;
  altHold?: boolean;
  approach?: boolean;
  lnav?: boolean;
  tcasOperational?: boolean;

  // Quality (TC 29 and 31)
  nacP?: number;
  nicBaro?: number;
  sil?: number;
  silSupplement?: 'hour' | 'sample';
  nicA?: number;
  nicC?: number;
  gva?: number;
  sda?: number;

  // Operational status (TC 31)
  /** The ADS-B version the stream decoder read this position's NIC with (from the aircraft's TC31). */
  adsbVersion?: number;
  /** ADS-B version number: 0 DO-260, 1 DO-260A, 2 DO-260B. */
  version?: number;
  /** Raw 16-bit capability class (airborne) or 12-bit class + 4-bit length/width (surface). */
  capabilityClass?: number;
  /** Raw 16-bit operational mode. */
  operationalMode?: number;
  /** Horizontal reference direction of headings. */
  headingRef?: 'true' | 'magnetic';
  /** Surface: what surface positions report as their angle (TAH). */
  surfaceAngle?: 'track' | 'heading';
  ccAcas?: boolean;
  ccCdti?: boolean;
  cc1090In?: boolean;
  ccArv?: boolean;
  ccTs?: boolean;
  ccTc?: number;
  ccUatIn?: boolean;
  ccPoa?: boolean;
  ccB2Low?: boolean;
  acasRaActive?: boolean;
  identActive?: boolean;
  atcServices?: boolean;
  singleAntenna?: boolean;
  /** Aircraft length/width code 0..15 and the upper bounds it gives (metres). */
  lengthWidthCode?: number;
  lengthM?: number;
  widthM?: number;
  /** GPS antenna offset: lateral (positive right of the axis) and longitudinal (aft of the nose), metres. */
  gpsLateralOffsetM?: number;
  gpsLongitudinalOffsetM?: number;

  // Coarse TIS-B (DF18 CF3)
  /** Service volume identifier. */
  svid?: number;
}
