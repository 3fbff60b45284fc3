import { describe, expect, it } from 'vitest';
import { compactPatternLexicon, parsePatternXml, renderPatternModule } from './pattern-lexicon.build.js';

const xml = `<sentiment>
<word form="goed" pos="JJ" sense="in orde" polarity="0.6" subjectivity="0.9" intensity="1.0" confidence="1.0" />
<word form="goed" pos="JJ" sense="correct" polarity="0.4" subjectivity="0.7" intensity="1.2" confidence="1.0" />
<word form="goede" pos="" sense="JJ" polarity="0.5" subjectivity="0.9" intensity="1.0" confidence="1.0" />
<word form="zever" pos="NN" sense="onzin" polarity="-0.8" subjectivity="0.9" intensity="1.0" confidence="1.0" />
</sentiment>`;

describe('pattern lexicon build', () => {
  it('averages senses per form and keeps the part of speech', () => {
    expect(compactPatternLexicon(parsePatternXml(xml)).split('\n')).toEqual([
      'goed 0.50 0.80 1.10 JJ',
      'goede 0.50 0.90 1.00 JJ',
      'zever -0.80 0.90 1.00 NN',
    ]);
  });

  it('names an element it cannot read', () => {
    expect(() => parsePatternXml('<word form="x" polarity="abc" />')).toThrow('cannot read element');
  });

  it('renders a module with the attribution', () => {
    expect(renderPatternModule('a 0.10 0.50 1.00 JJ')).toContain('Tom De Smedt and Walter Daelemans');
  });
});
