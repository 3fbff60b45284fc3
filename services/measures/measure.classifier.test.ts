import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy, resolveTopicId } from '../nlp/taxonomy.js';
import { evaluateClassifier } from './classifier.evaluation.js';
import { createMeasureClassifier, directionCues, directionOf } from './measure.classifier.js';
import { parseTimeline } from './timeline.file.js';

const taxonomy = defaultTaxonomy();
const classifier = createMeasureClassifier(taxonomy);

describe('the publication classifier', () => {
  it('reads the Veiligheidsregio notice of 27 September 2020 as a tightening about horeca and gatherings', () => {
    const result = classifier.classify(
      'Noodverordening 27 september 2020',
      'Bij gelegenheden met een horecavergunning stopt de inloop van gasten om middernacht. Er komt een verbod om je op te houden in gezelschappen van meer dan 50 personen. Voor samenkomsten met meer dan 50 personen geldt een meldplicht.',
    );
    expect(result.direction).toBe('tightening');
    expect(result.topics).toEqual(expect.arrayContaining(['horeca', 'noodverordening', 'samenkomsten']));
    expect(result.cues.tightening).toEqual(expect.arrayContaining(['stopt', 'verbod', 'meldplicht']));
  });

  it('reads a lifted duty as a relaxation, not as a duty', () => {
    expect(directionCues(['mondkapjes', 'zijn', 'niet', 'meer', 'verplicht'])).toEqual({
      tightening: [],
      relaxation: ['niet meer verplicht'],
    });
    expect(directionOf(directionCues(['einde', 'avondklok']))).toBe('relaxation');
    expect(directionOf(directionCues(['vrijstelling', 'van', 'het', 'samenkomstverbod']))).toBe('relaxation');
    expect(directionOf(directionCues(['mondkapjesplicht', 'in', 'winkels']))).toBe('tightening');
  });

  it('calls a text with as many cues each way, or none, mixed', () => {
    expect(directionOf({ tightening: ['dicht'], relaxation: ['open'] })).toBe('mixed');
    expect(directionOf({ tightening: [], relaxation: [] })).toBe('mixed');
    expect(directionOf({ tightening: ['dicht', 'verbod'], relaxation: ['open'] })).toBe('tightening');
  });

  it('agrees with the seed timeline on direction for at least 85% of measures and finds topics at F1 >= 0.75', () => {
    // In-sample: the cue words were written while reading these titles and summaries.
    const file = path.join(import.meta.dirname, 'seed/nl-corona-measures-2020-2022.yaml');
    const parsed = parseTimeline(fs.readFileSync(file, 'utf8'), file, (id) => resolveTopicId(taxonomy, id));
    const evaluation = evaluateClassifier(classifier, parsed.entries);
    expect(evaluation.measures).toBe(56);
    expect(evaluation.direction.agreement).toBeGreaterThanOrEqual(0.85);
    expect(evaluation.topics.f1).toBeGreaterThanOrEqual(0.75);
  });
});
