import { describe, expect, it } from 'vitest';
import { compactPatternLexicon, parsePatternXml, renderPatternData } from './pattern-lexicon.build.js';

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

  it('renders the data file: the attribution and one line per form', () => {
    const data = JSON.parse(renderPatternData('a 0.10 0.50 1.00 JJ\nb -0.20 0.90 1.00 NN')) as unknown;
    expect(data).toEqual({
      attribution: 'pattern nl-sentiment 1.2, Tom De Smedt & Walter Daelemans, CLiPS (PDDL)',
      table: ['a 0.10 0.50 1.00 JJ', 'b -0.20 0.90 1.00 NN'],
    });
  });
});
