// SPDX-License-Identifier: GPL-3.0-or-later
// jointsky's ASTERIX codec: spec-driven decode and encode of EUROCONTROL ASTERIX data blocks, with pcap,
// raw-file and UDP I/O. See docs/asterix.md.

export { ByteWriter, fromHex, toHex } from './bits.ts';
export { type BuilderOptions, type FieldHandle, RecordBuilder } from './builder.ts';
export { type AsterixConfig, AsterixCodec, AsterixConfigError, availableEditions, type EditionMap } from './codec.ts';
export { commBHook } from './commb.ts';
export type { BlockError, BlockErrorReason, DataBlock, DecodeMode } from './decode.ts';
export { EncodeError, type RecordValues } from './encode.ts';
export { AsterixUdpReceiver, AsterixUdpSender, type Datagram, type UdpReceiverOptions, type UdpSenderOptions } from './io/udp.ts';
export { readCapture, writePcap, isCapture, type UdpPacket, type CaptureResult, type PcapFrame } from './io/pcap.ts';
export { readSource, stripOradis, type SourceDatagram, type SourceOptions, type SourceResult } from './io/source.ts';
export { blockLines, LineEncoder, parseLine, recordLine, type ErrorLine, type Line, type RecordLine, type VerbatimLine } from './ndjson.ts';
export type { CompiledCategory } from './plan.ts';
export { AsterixField, AsterixRecord, type ElementRef, type FieldInfo } from './record.ts';
export { RecordScanner, type ScanField } from './scan.ts';
export type { CategorySpec, Content, ExpansionSpec, Variation } from './spec.ts';
export type { BdsHook, BdsValue, ElementValue, ExplicitValue, ItemsValue, ItemValue, QuantityValue } from './values.ts';
