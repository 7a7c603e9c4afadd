// SPDX-License-Identifier: GPL-3.0-or-later
// Receiver framing and sources: bytes in, raw Mode S frames (or SBS records) out. No decoding here.

export { AvrFramer, formatAvr } from './avr.ts';
export { BeastFramer, encodeBeast } from './beast.ts';
export { createFramer, DETECT_BYTES, detectFormat, FEED_FORMATS, type FeedFormat, peekFormat } from './detect.ts';
export {
  FRAMING_ERRORS,
  type FrameKind,
  type FrameSink,
  type Framer,
  FramingCounters,
  type FramingError,
  readUint48,
} from './framing.ts';
export { HexLineFramer } from './hexlines.ts';
export { DEFAULT_MAX_LINE_BYTES, LineFramer } from './lines.ts';
export {
  formatSbs,
  formatSbsTime,
  parseSbsLine,
  parseSbsTime,
  SbsFramer,
  type SbsMessageType,
  type SbsParse,
  type SbsRecord,
  type SbsSink,
} from './sbs.ts';
export {
  Backoff,
  type BackoffOptions,
  type FeedSource,
  formatSourceSpec,
  openSource,
  parseSourceSpec,
  type SourceEvent,
  type SourceOptions,
  type SourceSpec,
  SourceSpecError,
} from './source.ts';
