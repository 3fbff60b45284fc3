import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPseudonymiser } from './pseudonym.js';

const key = crypto.randomBytes(32);
const accounts = [
  { name: '@GemeenteHuizen', kind: 'institution' as const },
  { name: 'NOS', kind: 'media' as const },
];

describe('createPseudonymiser', () => {
  const pseudonymise = createPseudonymiser(key, accounts);

  it('keeps listed public accounts by name, whatever the case or @', () => {
    expect(pseudonymise('gemeentehuizen', 'twitter')).toEqual({
      pseudonym: null,
      name: 'gemeentehuizen',
      kind: 'institution',
    });
    expect(pseudonymise(' NOS ', 'nieuws')).toEqual({ pseudonym: null, name: 'NOS', kind: 'media' });
  });

  it('never returns a person’s name and is stable per platform', () => {
    const a = pseudonymise('Jan Jansen', 'twitter');
    expect(a.name).toBeNull();
    expect(a.kind).toBe('person');
    expect(a.pseudonym).toMatch(/^p_[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(a)).not.toContain('Jan');
    expect(pseudonymise('jan jansen', 'Twitter')).toEqual(a);
    expect(pseudonymise('Jan Jansen', 'facebook').pseudonym).not.toBe(a.pseudonym);
  });

  it('depends on the key', () => {
    const other = createPseudonymiser(crypto.randomBytes(32), accounts);
    expect(other('Jan Jansen', 'twitter').pseudonym).not.toBe(
      pseudonymise('Jan Jansen', 'twitter').pseudonym,
    );
  });

  it('marks a missing author as unknown', () => {
    expect(pseudonymise(null, 'twitter')).toEqual({ pseudonym: null, name: null, kind: 'unknown' });
    expect(pseudonymise('   ', 'twitter').kind).toBe('unknown');
  });
});
