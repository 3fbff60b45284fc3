// The pseudonym key comes from the environment; without one, a generated key is kept in the data folder so
// pseudonyms stay stable across restarts. Several machines must share one key: set ONDERSTROOM_PSEUDONYM_KEY.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PseudonymKey {
  key: Buffer;
  origin: 'environment' | 'data-folder' | 'generated';
  /** A short fingerprint that identifies the key without revealing it. */
  fingerprint: string;
}

function fingerprint(key: Buffer): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function loadPseudonymKey(fromEnvironment: string | null, dataDir: string): PseudonymKey {
  if (fromEnvironment !== null) {
    const key = Buffer.from(fromEnvironment, 'utf8');
    return { key, origin: 'environment', fingerprint: fingerprint(key) };
  }
  const file = path.join(dataDir, 'pseudonym.key');
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length >= 32) return { key, origin: 'data-folder', fingerprint: fingerprint(key) };
    throw new Error(`${file} does not hold a 32-byte hex key; remove it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created the file first; then that key is the one to use.
  try {
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadPseudonymKey(null, dataDir);
    throw error;
  }
  return { key, origin: 'generated', fingerprint: fingerprint(key) };
}
