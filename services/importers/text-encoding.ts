// Listening tools export CSV as UTF-8 (with or without a BOM), as Windows-1252 when the export went through Excel on
// Windows, or as UTF-16 (Meltwater), and sometimes as UTF-8 with Windows-1252 rows pasted in. This module decides
// which from the bytes and decodes a stream of chunks.
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface EncodingDecision {
  /** null while everything seen so far is ASCII, which reads the same in UTF-8 and Windows-1252. */
  encoding: TextEncodingName | null;
  /** Bytes of byte-order mark at the start of the file, skipped when decoding. */
  bomLength: number;
}

type Utf8Verdict = 'valid' | 'invalid' | 'cut';

/**
 * The length of the well-formed UTF-8 sequence starting with a byte >= 0x80 at bytes[i], 0 when the bytes there are
 * no UTF-8, or -1 when they are valid so far but cut off by `to`.
 */
function sequenceLength(bytes: Uint8Array, i: number, to: number): number {
  const b = bytes[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f; // no UTF-16 surrogates
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= to) return -1;
    const c = bytes[i + k]!;
    if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return 0;
  }
  return need + 1;
}

/**
 * Checks UTF-8 well-formedness of bytes[from..to). 'cut' means valid so far but the last sequence is incomplete,
 * which is expected when a sample ends mid-character.
 */
export function validateUtf8(bytes: Uint8Array, from = 0, to = bytes.length): Utf8Verdict {
  let i = from;
  while (i < to) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i, to);
    if (length === 0) return 'invalid';
    if (length < 0) return 'cut';
    i += length;
  }
  return 'valid';
}

// The characters of the bytes 0x80-0x9F in Windows-1252 (WHATWG's mapping; the five unassigned bytes keep their C1
// code point); 0xA0-0xFF are the same code points as the bytes. Written out because Node 20's TextDecoder reads
// single bytes of this range as Latin-1.
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const WINDOWS_1252_HIGH = Array.from({ length: 128 }, (_, i) =>
  i < 0x20 ? WINDOWS_1252_80_9F[i]! : String.fromCharCode(0x80 + i),
);

/**
 * Decodes text that is UTF-8 in some rows and Windows-1252 in others, as exports pasted together from several
 * tools or edited in Excel are: every well-formed UTF-8 sequence reads as UTF-8, every other high byte as the
 * Windows-1252 character it is. Pure UTF-8 and pure Windows-1252 both read exactly as with their own decoder (a
 * Windows-1252 text would have to contain pairs like "Ã©" to read differently, which Dutch text does not).
 */
export class MixedTextDecoder {
  private pending: Uint8Array | null = null;
  /** High bytes read as Windows-1252 so far. */
  repaired = 0;
  /** Well-formed multi-byte UTF-8 characters read so far. */
  utf8Characters = 0;

  decode(chunk: Uint8Array = new Uint8Array(0), options: { stream?: boolean } = {}): string {
    let bytes = chunk;
    if (this.pending !== null) {
      bytes = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const final = options.stream !== true;
    let out = '';
    let segment = 0;
    let i = 0;
    const n = bytes.length;
    while (i < n) {
      if (bytes[i]! < 0x80) {
        i++;
        continue;
      }
      const length = sequenceLength(bytes, i, n);
      if (length > 0) {
        this.utf8Characters++;
        i += length;
        continue;
      }
      if (length < 0 && !final) {
        this.pending = Uint8Array.from(bytes.subarray(i));
        break;
      }
      if (i > segment) out += buffer.toString('utf8', segment, i);
      out += WINDOWS_1252_HIGH[bytes[i]! - 0x80];
      this.repaired++;
      i++;
      segment = i;
    }
    const end = this.pending === null ? n : n - this.pending.length;
    if (end > segment) out += buffer.toString('utf8', segment, end);
    return out;
  }
}

/** A whole sample decoded as the decision says (for the header search). */
export function decodeSample(bytes: Uint8Array, encoding: TextEncodingName | null): string {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return new TextDecoder(encoding).decode(bytes);
  return new MixedTextDecoder().decode(bytes);
}

function firstNonAscii(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Share of zero bytes at even and at odd offsets: text in UTF-16 without a BOM shows up as zeros on one side. */
function zeroByteShares(bytes: Uint8Array): { even: number; odd: number } {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = Math.max(1, n / 2);
  return { even: even / pairs, odd: odd / pairs };
}

/**
 * Decides the encoding from the first bytes of a file. `wholeFile` says the sample is the entire file, so an
 * all-ASCII sample is final (reported as UTF-8) instead of undecided.
 */
export function detectEncoding(head: Uint8Array, wholeFile: boolean): EncodingDecision {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head.length >= 4) {
    const zeros = zeroByteShares(head);
    if (zeros.odd > 0.3 && zeros.even < 0.05) return { encoding: 'utf-16le', bomLength: 0 };
    if (zeros.even > 0.3 && zeros.odd < 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: decideAsciiCompatible(head, 0, wholeFile), bomLength: 0 };
}

/**
 * UTF-8 or Windows-1252 from the bytes after the first non-ASCII one, or null when they cannot tell yet: all ASCII,
 * or the only non-ASCII bytes are a sequence cut off by the end of the sample. At the end of the file (`final`)
 * a cut-off sequence is no UTF-8.
 */
function decideAsciiCompatible(bytes: Uint8Array, from: number, final: boolean): TextEncodingName | null {
  const at = firstNonAscii(bytes, from);
  if (at < 0) return final ? 'utf-8' : null;
  // Windows-1252 text almost never forms valid multi-byte UTF-8 sequences (é alone is 0xE9 followed by ASCII).
  const verdict = validateUtf8(bytes, at);
  if (verdict === 'cut') {
    if (final) return 'windows-1252';
    // Valid multi-byte characters before the cut one are evidence enough; the cut one alone is not.
    return at < lastSequenceStart(bytes) ? 'utf-8' : null;
  }
  return verdict === 'invalid' ? 'windows-1252' : 'utf-8';
}

/** Where the last (possibly incomplete) character starts: at most 3 bytes back from the end. */
function lastSequenceStart(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && i > bytes.length - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  return i;
}

/**
 * Decodes a file chunk by chunk. While the encoding is undecided (only ASCII seen), the first chunk with a byte
 * above 0x7F decides it; everything before it reads the same either way.
 */
interface ChunkDecoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

export class ExportTextDecoder {
  private decoder: ChunkDecoder | null = null;
  private bomToSkip: number;
  /** While undecided: a cut-off non-ASCII sequence at the end of the last chunk. */
  private pending: Uint8Array | null = null;

  constructor(private decision: EncodingDecision) {
    this.bomToSkip = decision.bomLength;
    if (decision.encoding !== null) this.decoder = chunkDecoder(decision.encoding);
  }

  get encoding(): TextEncodingName | null {
    return this.decision.encoding;
  }

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.bomToSkip > 0) {
      const skip = Math.min(this.bomToSkip, bytes.length);
      bytes = bytes.subarray(skip);
      this.bomToSkip -= skip;
    }
    if (this.decoder !== null) return this.decoder.decode(bytes, { stream: true });
    if (this.pending !== null) {
      bytes = Buffer.concat([this.pending, bytes]);
      this.pending = null;
    }
    const encoding = decideAsciiCompatible(bytes, 0, false);
    if (encoding !== null) return this.decide(encoding).decode(bytes, { stream: true });
    // Undecided: pass the ASCII on, keep a cut-off sequence at the end for the next chunk to decide.
    const at = firstNonAscii(bytes, 0);
    const ascii = at < 0 ? bytes : bytes.subarray(0, at);
    if (at >= 0) this.pending = Uint8Array.from(bytes.subarray(at));
    return Buffer.from(ascii.buffer, ascii.byteOffset, ascii.byteLength).toString('latin1');
  }

  /** Flushes the end of the file; a sequence cut off there, still undecided, is read as Windows-1252. */
  end(): string {
    if (this.decoder !== null) return this.decoder.decode();
    const pending = this.pending ?? new Uint8Array(0);
    this.pending = null;
    const decoder = this.decide(decideAsciiCompatible(pending, 0, true) ?? 'utf-8');
    return decoder.decode(pending);
  }

  private decide(encoding: TextEncodingName): ChunkDecoder {
    this.decision = { encoding, bomLength: this.decision.bomLength };
    this.decoder = chunkDecoder(encoding);
    return this.decoder;
  }
}

/** UTF-16 has its own decoder; UTF-8 and Windows-1252 files are read row by row as either (MixedTextDecoder). */
function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  return encoding === 'utf-16le' || encoding === 'utf-16be'
    ? new TextDecoder(encoding)
    : new MixedTextDecoder();
}
