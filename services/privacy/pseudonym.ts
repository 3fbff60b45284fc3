// Authors become keyed pseudonyms unless they are listed public accounts (institutions, media).
// A keyed hash (HMAC) rather than a plain hash: without the key, a pseudonym cannot be recomputed from a name.
import crypto from 'node:crypto';
import type { AuthorKind } from './author-kind.js';
import type { PublicAccountConfig } from '../config/config.schema.js';

export interface Author {
  pseudonym: string | null;
  /** The real name, kept only for listed public accounts. */
  name: string | null;
  kind: AuthorKind;
}

export type Pseudonymiser = (author: string | null, platform: string | null) => Author;

/** Handles and names are compared without case, a leading @ and surrounding space. */
export function normaliseAccount(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase();
}

export function createPseudonymiser(
  key: Buffer,
  publicAccounts: readonly PublicAccountConfig[],
): Pseudonymiser {
  if (key.length < 16) throw new Error('the pseudonym key must be at least 16 bytes');
  const listed = new Map(publicAccounts.map((account) => [normaliseAccount(account.name), account]));
  return (author, platform) => {
    if (author === null || author.trim() === '') return { pseudonym: null, name: null, kind: 'unknown' };
    const normalised = normaliseAccount(author);
    const account = listed.get(normalised);
    if (account) return { pseudonym: null, name: author.trim(), kind: account.kind };
    // The platform is part of the input: "jan" on Twitter and "jan" on Facebook are not known to be one person.
    const digest = crypto
      .createHmac('sha256', key)
      .update(`${(platform ?? '').toLowerCase()}\u0000${normalised}`)
      .digest('base64url');
    return { pseudonym: `p_${digest.slice(0, 22)}`, name: null, kind: 'person' };
  };
}

export type ExpiredIdHasher = (externalId: string) => string;

/**
 * What replaces a person's post id when its text expires: a keyed hash like the author pseudonyms, so nobody without
 * the key can confirm a guessed id against the stored value. Its own domain label keeps it apart from pseudonyms.
 */
export function createExpiredIdHasher(key: Buffer): ExpiredIdHasher {
  if (key.length < 16) throw new Error('the pseudonym key must be at least 16 bytes');
  return (externalId) =>
    `h_${crypto.createHmac('sha256', key).update(`expired-id\u0000${externalId}`).digest('base64url').slice(0, 32)}`;
}
