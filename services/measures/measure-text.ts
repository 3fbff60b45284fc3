// The Dutch a user reads about measures: level and direction names, annotation texts, the measure_change alert and
// its expectation drawn from earlier measures on the same topics.
import type { MessageMeasure } from '../alerts/alert-message.js';
import { dutchDate } from '../alerts/alert-message.js';
import type { EffectPattern } from './effect.analysis.js';
import type { Measure, MeasureDirection, MeasureFields, MeasureLevel } from './measure.js';

export const LEVEL_NL: Record<MeasureLevel, string> = {
  national: 'landelijk',
  regional: 'regionaal',
  municipal: 'gemeentelijk',
};

export const DIRECTION_NL: Record<MeasureDirection, string> = {
  tightening: 'aanscherping',
  relaxation: 'versoepeling',
  mixed: 'gemengd',
};

const DIRECTION_PLURAL_NL: Record<MeasureDirection, string> = {
  tightening: 'aanscherpingen',
  relaxation: 'versoepelingen',
  mixed: 'maatregelen',
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const numberNl = (digits: number) =>
  new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "landelijk", "regionaal (Gooi en Vechtstreek)", "gemeentelijk (Huizen)". */
export function whereText(fields: Pick<MeasureFields, 'level' | 'region' | 'municipality'>): string {
  const place =
    fields.level === 'municipal' ? fields.municipality : fields.level === 'regional' ? fields.region : null;
  return place ? `${LEVEL_NL[fields.level]} (${place})` : LEVEL_NL[fields.level];
}

/** A date as people read it: "14 oktober 2020". */
export function dateText(date: string): string {
  return dutchDate(new Date(`${date}T12:00:00Z`), 'UTC');
}

export function topicsText(topics: readonly string[], topicLabel: (id: string) => string): string {
  return topics.length === 0 ? 'geen onderwerp herkend' : topics.map(topicLabel).join(', ');
}

/** The annotation on every dashboard: one line of what kind of measure, then its summary. */
export function annotationText(measure: Measure, topicLabel: (id: string) => string): string {
  const head = `${capitalise(whereText(measure))}, ${DIRECTION_NL[measure.direction]}. Onderwerpen: ${topicsText(measure.topics, topicLabel)}.`;
  const version = measure.version > 1 ? ` (versie ${measure.version})` : '';
  return [head + version, measure.summary ?? ''].filter(Boolean).join('\n');
}

export function annotationTags(measure: Measure): string {
  return ['maatregel', LEVEL_NL[measure.level], DIRECTION_NL[measure.direction], ...measure.topics].join(',');
}

/** What alert messages of other kinds show as the nearest measure. */
export function messageMeasure(measure: Measure): MessageMeasure {
  return {
    title: measure.title,
    level: whereText(measure),
    date: dateText(measure.effectiveFrom),
    url: measure.sourceUrl,
  };
}

export function measureAlertTitle(measure: Measure, isNew: boolean): string {
  return `${isNew ? 'Nieuwe maatregel' : 'Maatregel gewijzigd'}: ${measure.title}`;
}

export function measureAlertHeadline(measure: Measure, isNew: boolean, changed: readonly string[]): string {
  const what = `${capitalise(DIRECTION_NL[measure.direction])}, ${whereText(measure)}, van kracht vanaf ${dateText(measure.effectiveFrom)}`;
  if (isNew) return `${what}.`;
  const fields = changed.map((name) => CHANGED_NL[name] ?? name).join(', ');
  return `${what}. Versie ${measure.version}; gewijzigd: ${fields || 'inhoud'}.`;
}

const CHANGED_NL: Record<string, string> = {
  level: 'niveau',
  region: 'regio',
  municipality: 'gemeente',
  title: 'titel',
  summary: 'samenvatting',
  announced_on: 'aankondiging',
  effective_from: 'ingangsdatum',
  effective_until: 'einddatum',
  topics: 'onderwerpen',
  direction: 'richting',
  source_url: 'publicatie',
  sources: 'bronnen',
  verified: 'bevestiging',
  note: 'toelichting',
};

export function measureFacts(
  measure: Measure,
  topicLabel: (id: string) => string,
  expectation: string,
): { label: string; value: string }[] {
  const facts = [
    { label: 'Niveau', value: capitalise(whereText(measure)) },
    { label: 'Richting', value: capitalise(DIRECTION_NL[measure.direction]) },
    { label: 'Onderwerpen', value: topicsText(measure.topics, topicLabel) },
    { label: 'Ingangsdatum', value: dateText(measure.effectiveFrom) },
  ];
  if (measure.effectiveUntil) facts.push({ label: 'Tot en met', value: dateText(measure.effectiveUntil) });
  if (measure.sourceUrl) facts.push({ label: 'Publicatie', value: measure.sourceUrl });
  facts.push({ label: 'Verwachting', value: expectation });
  return facts;
}

function times(ratio: number): string {
  return `${numberNl(1).format(ratio)}×`;
}

function points(shift: number): string {
  const value = Math.round(shift * 100);
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value)} procentpunt`;
}

export interface Expectation {
  pattern: EffectPattern;
  /** What the earlier measures have in common with this one. */
  basis: 'same_direction' | 'any_direction';
  direction: MeasureDirection;
  topics: readonly string[];
  hours: number;
}

/**
 * The message's "what to expect": how volume and negative share (and KCC questions, where counted) moved after
 * earlier, similar measures.
 */
export function expectationText(expectation: Expectation | null, topicLabel: (id: string) => string): string {
  if (expectation === null || expectation.pattern.withVolume === 0) {
    return 'Nog geen eerdere maatregelen over deze onderwerpen met berichten ervoor en erna; een verwachting volgt zodra die er zijn.';
  }
  const { pattern } = expectation;
  const which =
    expectation.basis === 'same_direction'
      ? `${pattern.measures} eerdere ${DIRECTION_PLURAL_NL[expectation.direction]}`
      : `${pattern.measures} eerdere maatregelen`;
  const about =
    expectation.topics.length > 0 ? ` over ${topicsText(expectation.topics, topicLabel).toLowerCase()}` : '';
  const volume = pattern.volumeRatio;
  const parts = [
    `Na ${which}${about} was het aantal berichten in de ${expectation.hours} uur erna ${times(volume.median!)} dat van de ${expectation.hours} uur ervoor (mediaan, ten opzichte van dezelfde uren in eerdere weken${pattern.withVolume > 2 ? `; middelste helft ${times(volume.p25!)} tot ${times(volume.p75!)}` : ''}).`,
  ];
  if (pattern.sentimentShift.median !== null) {
    parts.push(
      `Het aandeel negatieve berichten veranderde met ${points(pattern.sentimentShift.median)} (mediaan).`,
    );
  }
  if (pattern.questionRatio.median !== null) {
    parts.push(
      `Het aantal vragen aan het KCC was erna ${times(pattern.questionRatio.median)} dat ervoor (mediaan van ${pattern.withQuestions} ${pattern.withQuestions === 1 ? 'maatregel' : 'maatregelen'} met vragen).`,
    );
  }
  return parts.join(' ');
}
