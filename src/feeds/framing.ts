// SPDX-License-Identifier: GPL-3.0-or-later
// The contract between receiver framers (Beast, AVR, hex lines) and whatever consumes raw Mode S frames.
// Framers never throw on bad bytes: every byte they drop is reported once, with a reason and a byte count,
// so that frames + rejected bytes always add up to what came in.

/** Why a framer dropped input. */
export type FramingError =
  /** Beast: bytes between frames that do not start with 0x1A (stream joined mid-frame, line noise). */
  | 'beast-resync'
  /** Beast: 0x1A followed by a type byte other than '1', '2', '3' (or a lone 0x1A at the end of the stream). */
  | 'beast-bad-type'
  /** Beast: a frame cut short by the start of the next frame, or by the end of the stream. */
  | 'beast-truncated'
  /** Beast: inside a frame, 0x1A followed by a byte that is neither 0x1A nor a frame type. */
  | 'beast-bad-escape'
  /** AVR: a line that does not start with '*', '@' or '<'. */
  | 'avr-bad-start'
  /** AVR: a character that is not a hex digit where hex is expected. */
  | 'avr-bad-hex'
  /** AVR: a frame whose hex is not 4, 14 or 28 digits long. */
  | 'avr-bad-length'
  /** AVR: a line without the ';' that ends the frame. */
  | 'avr-no-terminator'
  /** Any line format: a line longer than the framer accepts. */
  | 'line-too-long'
  /** Hex lines: no field of exactly 14 or 28 hex digits. */
  | 'hex-no-message'
  /** SBS: not a known message type, or too few fields. */
  | 'sbs-bad-line'
  /** SBS: a field that should be a number, flag, date or address is not. */
  | 'sbs-bad-field';

export const FRAMING_ERRORS: readonly FramingError[] = [
  'beast-resync',
  'beast-bad-type',
  'beast-truncated',
  'beast-bad-escape',
  'avr-bad-start',
  'avr-bad-hex',
  'avr-bad-length',
  'avr-no-terminator',
  'line-too-long',
  'hex-no-message',
  'sbs-bad-line',
  'sbs-bad-field',
];

/** 'modes' for 7- or 14-byte Mode S frames, 'modeac' for 2-byte Mode A/C replies. */
export type FrameKind = 'modes' | 'modeac';

export interface FrameSink {
  /**
   * One frame. buf[off .. off+len) is only valid during the call (it may be a view into the input chunk or
   * a reused scratch buffer): copy it to keep it.
   * @param timeMs the frame's time in ms since the Unix epoch when the source gives one, else the
   *   framer's fallback time (NaN unless the caller supplies a receive time).
   * @param mlat12MHz the receiver's 48-bit 12 MHz counter (Beast, AVR '@' / '<'), else NaN.
   * @param signal signal level 0..1 of full scale ((byte/255)^2, as readsb computes it), else NaN.
   */
  frame(kind: FrameKind, buf: Uint8Array, off: number, len: number, timeMs: number, mlat12MHz: number, signal: number): void;
  /**
   * Input that was dropped. `bytes` is how many input bytes this report accounts for (line terminators
   * are not counted for line formats). Each dropped byte is reported exactly once.
   */
  error(reason: FramingError, detail: string, bytes: number): void;
}

/** The part every Mode S framer shares, so callers can switch formats. */
export interface Framer {
  /**
   * Feeds the next piece of the stream. Frames split across chunks are carried over.
   * @param fallbackTimeMs time for frames that carry none of their own (a live receive time); NaN by default.
   */
  push(chunk: Uint8Array, sink: FrameSink, fallbackTimeMs?: number): void;
  /** The stream has ended: reports whatever incomplete data is still held. */
  end(sink: FrameSink): void;
}

/** Frame and error counts per reason; itself a FrameSink that only counts, or a counting tee in front of another sink. */
export class FramingCounters implements FrameSink {
  frames = 0;
  modesFrames = 0;
  modeacFrames = 0;
  /** Error reports (events), per reason. */
  readonly errors = new Map<FramingError, number>();
  /** Dropped bytes, per reason. */
  readonly errorBytes = new Map<FramingError, number>();

  frame(kind: FrameKind): void {
    this.frames++;
    if (kind === 'modes') this.modesFrames++;
    else this.modeacFrames++;
  }

  error(reason: FramingError, _detail: string, bytes: number): void {
    this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
    this.errorBytes.set(reason, (this.errorBytes.get(reason) ?? 0) + bytes);
  }

  /** Total error reports. */
  get rejected(): number {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }

  /** Total dropped bytes. */
  get rejectedBytes(): number {
    let n = 0;
    for (const v of this.errorBytes.values()) n += v;
    return n;
  }

  /** A sink that counts here and forwards everything to `inner`. */
  tee(inner: FrameSink): FrameSink {
    return {
      frame: (kind, buf, off, len, timeMs, mlat12MHz, signal) => {
        this.frame(kind);
        inner.frame(kind, buf, off, len, timeMs, mlat12MHz, signal);
      },
      error: (reason, detail, bytes) => {
        this.error(reason, detail, bytes);
        inner.error(reason, detail, bytes);
      },
    };
  }

  /** Stable JSON: reasons in the order of FRAMING_ERRORS, only those seen. */
  toJSON(): {
    frames: number;
    modesFrames: number;
    modeacFrames: number;
    errors: Partial<Record<FramingError, number>>;
    errorBytes: Partial<Record<FramingError, number>>;
  } {
    const errors: Partial<Record<FramingError, number>> = {};
    const errorBytes: Partial<Record<FramingError, number>> = {};
    for (const r of FRAMING_ERRORS) {
      const n = this.errors.get(r);
      if (n !== undefined) {
        errors[r] = n;
        errorBytes[r] = this.errorBytes.get(r) ?? 0;
      }
    }
    return { frames: this.frames, modesFrames: this.modesFrames, modeacFrames: this.modeacFrames, errors, errorBytes };
  }
}

/** Reads the 48-bit big-endian counter at buf[off .. off+6) exactly (it fits a double). */
export function readUint48(buf: Uint8Array, off: number): number {
  return (
    (buf[off] * 256 + buf[off + 1]) * 4294967296 +
    (((buf[off + 2] << 24) | (buf[off + 3] << 16) | (buf[off + 4] << 8) | buf[off + 5]) >>> 0)
  );
}
