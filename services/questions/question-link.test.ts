import { describe, expect, it } from 'vitest';
import { questionLink } from './index.js';

describe('questionLink', () => {
  it('is the question page under the web address, with or without a trailing slash, and null without one', () => {
    expect(questionLink('https://onderstroom.huizen.nl', '42')).toBe(
      'https://onderstroom.huizen.nl/vragen/42',
    );
    expect(questionLink('https://gemeente.nl/onderstroom/', '42')).toBe(
      'https://gemeente.nl/onderstroom/vragen/42',
    );
    expect(questionLink('https://gemeente.nl/onderstroom', '7')).toBe(
      'https://gemeente.nl/onderstroom/vragen/7',
    );
    expect(questionLink(null, '42')).toBeNull();
    expect(questionLink(undefined, '42')).toBeNull();
  });
});
