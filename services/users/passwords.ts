// Password hashing with argon2id (OWASP's minimum: 19 MiB memory, 2 passes, 1 lane) and one-time passwords.
import crypto from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, OPTIONS),
  async verify(passwordHash, password) {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
};

// No 0/O, 1/l/I: a one-time password is read from a screen and typed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from 56: about 93 bits, for a password that must be changed at its first use. */
export function oneTimePassword(): string {
  let out = '';
  while (out.length < 16) {
    const byte = crypto.randomBytes(1)[0]!;
    // Reject bytes past the last whole multiple of the alphabet, so every character is equally likely.
    if (byte < 224) out += ALPHABET[byte % ALPHABET.length];
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}
