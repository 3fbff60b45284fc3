// Tells from a file's first bytes what kind of file it is, so that a PDF, an old .xls or a zip archive gets a
// message that says so instead of "unknown header".

export type FileKind = 'zip' | 'xls' | 'pdf' | 'gzip' | 'text';

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => head[i] === byte);
}

export function fileKind(head: Uint8Array): FileKind {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  return 'text';
}

/**
 * Control characters other than tab and line breaks, and U+FFFD from undecodable bytes, in decoded text.
 * Exports are text; more than a few of these means the file is something else.
 */
export function countBinaryCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd || c === 0x7f) count++;
  }
  return count;
}
