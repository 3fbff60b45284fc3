// Finds rows that repeat an earlier row's external id without keeping the ids: an open-addressing table of 52-bit
// hashes (exact in a double) to the first row number. A million rows cost about 24 MB. Two different ids share a
// hash with a probability of about 1 in 10^4 per million-row file; the cost of that is one row wrongly reported as
// a duplicate.

const EMPTY = 0;

/** A 52-bit hash of a string from two independently mixed 32-bit FNV-1a style passes. */
export function hash52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = finalMix(a ^ text.length);
  b = finalMix(b);
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

// Spreads every input bit over the output (the murmur3 finaliser).
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class DuplicateRows {
  private keys = new Float64Array(1 << 12);
  private rows = new Uint32Array(1 << 12);
  private size = 0;

  /** Remembers the id for this row and returns 0, or returns the earlier row that had the same id. */
  firstRowOf(id: string, row: number): number {
    const hash = hash52(id) || 1; // 0 marks an empty slot
    const mask = this.keys.length - 1;
    let slot = hash % this.keys.length;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === EMPTY) break;
      if (key === hash) return this.rows[slot]!;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = hash;
    this.rows[slot] = row;
    if (++this.size * 2 > this.keys.length) this.grow();
    return 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Uint32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      if (key === EMPTY) continue;
      let slot = key % this.keys.length;
      while (this.keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.rows[slot] = oldRows[i]!;
    }
  }
}
