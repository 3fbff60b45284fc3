import { describe, expect, it } from 'vitest';
import {
  foldWord,
  tokenize,
  TOKEN_BOUNDARY,
  TOKEN_EMOJI,
  TOKEN_EMOTICON,
  TOKEN_WORD,
} from './text.tokenizer.js';

describe('tokenize', () => {
  it('lower-cases and folds words, keeps joiners inside words and decimals', () => {
    const tokens = tokenize("Geëvalueerd: QR-code, zo'n 1,5 meter");
    expect(tokens.filter((t) => t.kind === TOKEN_WORD).map((t) => t.text)).toEqual([
      'geevalueerd',
      'qr-code',
      "zo'n",
      '1,5',
      'meter',
    ]);
  });

  it('drops urls and handles, keeps hashtags as flagged words', () => {
    const tokens = tokenize('@gemeente kijk https://example.org/x #Avondklok');
    expect(tokens.map((t) => t.text)).toEqual(['kijk', 'avondklok']);
    expect(tokens[1]?.hashtag).toBe(true);
  });

  it('counts exclamation and question marks in one boundary', () => {
    const tokens = tokenize('Schandalig!!! Echt?');
    const boundaries = tokens.filter((t) => t.kind === TOKEN_BOUNDARY);
    expect(boundaries.map((b) => [b.exclamations, b.questions])).toEqual([
      [3, 0],
      [0, 1],
    ]);
  });

  it('marks shouting only for words of three or more capitals', () => {
    const [a, b, c] = tokenize('BELACHELIJK NS Mooi');
    expect(a?.caps).toBe(true);
    expect(b?.caps).toBe(false);
    expect(b?.upper).toBe(true);
    expect(c?.upper).toBe(false);
  });

  it('finds emoji and emoticons', () => {
    const tokens = tokenize('top 👍🏻 :) xD :(');
    expect(tokens.map((t) => t.kind)).toEqual([
      TOKEN_WORD,
      TOKEN_EMOJI,
      TOKEN_EMOTICON,
      TOKEN_EMOTICON,
      TOKEN_EMOTICON,
    ]);
    expect(tokens.slice(1).map((t) => t.text)).toEqual(['👍', ':)', 'xd', ':(']);
  });

  it('does not read a colon before a word as an emoticon', () => {
    expect(tokenize('let op:probleem').map((t) => t.text)).toEqual(['let', 'op', '.', 'probleem']);
  });
});

describe('foldWord', () => {
  it('folds diacritics and capitals', () => {
    expect(foldWord('Één')).toBe('een');
    expect(foldWord('ruïne')).toBe('ruine');
  });
});
