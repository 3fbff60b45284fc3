import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { detectEncoding, ExportTextDecoder, MixedTextDecoder, validateUtf8 } from './text-encoding.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('validateUtf8', () => {
  it('accepts well-formed text and a sequence cut at the end', () => {
    expect(validateUtf8(Buffer.from('Café € 😀'))).toBe('valid');
    expect(validateUtf8(bytes(0x61, 0xe2, 0x82))).toBe('cut');
  });

  it('rejects Windows-1252 bytes, overlong forms, surrogates and stray continuation bytes', () => {
    expect(validateUtf8(iconv.encode('Café ', 'win1252'))).toBe('invalid');
    expect(validateUtf8(bytes(0xc0, 0xaf))).toBe('invalid');
    expect(validateUtf8(bytes(0xe0, 0x80, 0xaf))).toBe('invalid');
    expect(validateUtf8(bytes(0xed, 0xa0, 0x80))).toBe('invalid');
    expect(validateUtf8(bytes(0x80))).toBe('invalid');
    expect(validateUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe('invalid');
  });
});

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61), false)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0), false)).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61), false)).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a mark by its zero bytes', () => {
    expect(detectEncoding(Buffer.from('Date\tHeadline\r\n', 'utf16le'), false).encoding).toBe('utf-16le');
    const be = Buffer.from('Date\tHeadline\r\n', 'utf16le').swap16();
    expect(detectEncoding(be, false).encoding).toBe('utf-16be');
  });

  it('tells UTF-8 from Windows-1252, and leaves pure ASCII undecided unless it is the whole file', () => {
    expect(detectEncoding(Buffer.from('Publicatiedatum;Café'), false).encoding).toBe('utf-8');
    expect(detectEncoding(iconv.encode('Publicatiedatum;Café;x', 'win1252'), false).encoding).toBe(
      'windows-1252',
    );
    // A high byte at the very end of a sample could start a UTF-8 character; at the end of the file it cannot.
    expect(detectEncoding(iconv.encode('Publicatiedatum;Café', 'win1252'), false).encoding).toBeNull();
    expect(detectEncoding(iconv.encode('Publicatiedatum;Café', 'win1252'), true).encoding).toBe(
      'windows-1252',
    );
    expect(detectEncoding(Buffer.from('plain;ascii'), false).encoding).toBeNull();
    expect(detectEncoding(Buffer.from('plain;ascii'), true).encoding).toBe('utf-8');
  });
});

describe('ExportTextDecoder', () => {
  it('decides on the first chunk with a non-ASCII byte', () => {
    const decoder = new ExportTextDecoder({ encoding: null, bomLength: 0 });
    expect(decoder.decode(Buffer.from('abc;'))).toBe('abc;');
    expect(decoder.encoding).toBeNull();
    expect(decoder.decode(iconv.encode('é€;x', 'win1252'))).toBe('é€;x');
    expect(decoder.encoding).toBe('windows-1252');
  });

  it('skips the byte-order mark even when it is split over chunks, and keeps characters split over chunks', () => {
    const decoder = new ExportTextDecoder({ encoding: 'utf-8', bomLength: 3 });
    const all = Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('€uro')]);
    const text = [all.subarray(0, 2), all.subarray(2, 4), all.subarray(4)]
      .map((c) => decoder.decode(c))
      .join('');
    expect(text + decoder.end()).toBe('€uro');
  });
});

describe('ExportTextDecoder with a character cut at a chunk boundary while undecided', () => {
  it('waits for the next chunk before deciding', () => {
    const decoder = new ExportTextDecoder({ encoding: null, bomLength: 0 });
    const utf8 = Buffer.from('abc€def');
    expect(decoder.decode(utf8.subarray(0, 4)) + decoder.decode(utf8.subarray(4)) + decoder.end()).toBe(
      'abc€def',
    );
    expect(decoder.encoding).toBe('utf-8');
  });

  it('reads a lone high byte at the very end of the file as Windows-1252', () => {
    const decoder = new ExportTextDecoder({ encoding: null, bomLength: 0 });
    expect(
      decoder.decode(iconv.encode('Caf', 'win1252')) +
        decoder.decode(iconv.encode('é', 'win1252')) +
        decoder.end(),
    ).toBe('Café');
    expect(decoder.encoding).toBe('windows-1252');
  });
});

describe('MixedTextDecoder', () => {
  it('reads UTF-8 and Windows-1252 bytes side by side, also when a character is split over chunks', () => {
    const bytes = Buffer.concat([
      Buffer.from('één €; ', 'utf8'),
      iconv.encode('één €; “x”', 'win1252'),
      Buffer.from(' 😀', 'utf8'),
    ]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new MixedTextDecoder();
      const text =
        decoder.decode(bytes.subarray(0, cut), { stream: true }) +
        decoder.decode(bytes.subarray(cut), { stream: true }) +
        decoder.decode();
      expect(text).toBe('één €; één €; “x” 😀');
    }
  });

  it('reads every Windows-1252 byte as WHATWG maps it', () => {
    const all = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i);
    expect(new MixedTextDecoder().decode(all)).toBe(
      iconv
        .decode(Buffer.from(all), 'win1252')
        .replace(/\ufffd/g, (_, i: number) => String.fromCharCode(0x80 + i)),
    );
  });
});
