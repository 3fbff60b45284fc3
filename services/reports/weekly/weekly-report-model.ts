// The weekly situation report as plain data for its template: built from the environment analysis of the week
// against the week before, and the figures per day. Every sentence carries its number, taken from the document as
// it is, so the report says nothing the analysis does not. Pure: no I/O, no clock (the caller gives `generatedAt`).
import type { EnvironmentDocument, RatioInterval } from '../../analyses/environment-document.js';
import type { ShareInterval } from '../../analyses/statistics.js';
import type { ReportPeriod } from '../report-types.js';
import { count, dayOf, decimal, momentOf, percent, points, pValue, shortDay } from './dutch-format.js';

/** At most this many bullets in "Wat speelt er": one page, read in a minute. */
export const SUMMARY_BULLETS = 5;

export interface DailyFigures {
  /** The local date, YYYY-MM-DD. */
  date: string;
  volume: number;
  negative: ShareInterval;
}

export interface WeeklyReportInput {
  organisation: string;
  period: ReportPeriod;
  comparison: ReportPeriod;
  document: EnvironmentDocument;
  days: DailyFigures[];
  comparisonDays: DailyFigures[];
  generatedAt: Date;
  timeZone: string;
  /** A week (the default) or another run of days, compared with the same number of days before. */
  wording?: Wording;
}

export interface ChartPoint {
  /** The x value as the axis shows it ("ma 18-1", or a topic label). */
  x: string;
  /** Deze week / Vorige week. */
  series: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
}

export interface ReportTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Said instead of an empty table. */
  empty: string;
}

export interface ReportChart {
  id: string;
  title: string;
  /** What the chart shows, for a reader who cannot see it (the figure's alt text). */
  description: string;
  kind: 'bars' | 'share';
  yTitle: string;
  points: ChartPoint[];
  /** When true, there is nothing to draw: the template says so instead of showing an empty chart. */
  empty: boolean;
}

export interface WeeklyReportModel {
  title: string;
  organisation: string;
  periodKey: string;
  periodLabel: string;
  comparisonLabel: string;
  generatedAt: string;
  hasData: boolean;
  /** How the template names the period ("deze week", "deze periode"). */
  wording: Wording;
  notes: string[];
  summary: string[];
  /** The week's totals beside last week's, under the summary. */
  keyFigures: ReportTable;
  informatiebehoefte: {
    intro: string;
    note: string;
    chart: ReportChart;
    table: ReportTable;
    /** The questions no published FAQ answers (or that were answered without the FAQ proposed), per topic. */
    withoutFaq: { intro: string; chart: ReportChart; table: ReportTable; note: string };
    /** What residents asked in posts, per topic, beside the KCC's questions: with those no FAQ answers. */
    online: { intro: string; chart: ReportChart; table: ReportTable; note: string };
  };
  /** The table holds the measures that changed in the week; the others in force are named in `alsoInForce`. */
  handelingsperspectief: { intro: string; table: ReportTable; alsoInForce: string[]; method: string };
  betekenisgeving: {
    intro: string;
    volumeChart: ReportChart;
    negativeChart: ReportChart;
    topics: ReportTable;
    sources: ReportTable;
    significant: string[];
    terms: ReportTable;
    examples: { shown: boolean; reason: string | null; topics: { label: string; posts: ExamplePost[] }[] };
    methods: string[];
  };
  signalen: { intro: string; table: ReportTable };
  dekking: { intro: string; sources: ReportTable; gaps: string[]; model: string[] };
}

export interface ExamplePost {
  author: string;
  source: string;
  text: string;
}

/** How the report names its period and the one it is compared with: a week, or any run of days. */
export interface Wording {
  /** The Dutch noun: "week" or "periode". */
  unit: string;
  thisCap: string;
  this: string;
  lastCap: string;
  last: string;
  /** The same length of time just before (the emerging terms' baseline). */
  before: string;
  beforeCap: string;
  /** "de week": in "elke dag van de week". */
  the: string;
  bothCap: string;
}

export const WEEK_WORDS: Wording = {
  unit: 'week',
  thisCap: 'Deze week',
  this: 'deze week',
  lastCap: 'Vorige week',
  last: 'vorige week',
  before: 'de week ervoor',
  beforeCap: 'Week ervoor',
  the: 'de week',
  bothCap: 'Beide weken',
};

export const PERIOD_WORDS: Wording = {
  unit: 'periode',
  thisCap: 'Deze periode',
  this: 'deze periode',
  lastCap: 'Vorige periode',
  last: 'vorige periode',
  before: 'de periode ervoor',
  beforeCap: 'Periode ervoor',
  the: 'de periode',
  bothCap: 'Beide perioden',
};

const LEVELS: Record<string, string> = {
  national: 'landelijk',
  regional: 'regionaal',
  municipal: 'gemeentelijk',
};
const DIRECTIONS: Record<string, string> = {
  tightening: 'aanscherping',
  relaxation: 'versoepeling',
  mixed: 'gemengd',
};
const CHANGES: Record<string, string> = { starts: 'gaat in', ends: 'loopt af', amended: 'gewijzigd' };
const ALERT_KINDS: Record<string, string> = {
  spike: 'piek',
  drop: 'daling',
  measure_change: 'maatregel gewijzigd',
  source_failure: 'bron gestoord',
  question_spike: 'piek in vragen',
};
const ALERT_STATES: Record<string, string> = { open: 'open', resolved: 'opgelost' };
const AUTHOR_KINDS: Record<string, string> = {
  person: 'inwoner',
  institution: 'instelling',
  media: 'media',
};

/** "23% meer dan vorige week", "12% minder", "even veel", "2,1 keer zoveel"; null ratio: nothing to compare. */
export function changeWords(current: number, previous: number, w: Wording = WEEK_WORDS): string {
  if (previous === 0) return current === 0 ? `net als ${w.last} (0)` : `${w.last} nog geen (0)`;
  const ratio = current / previous;
  if (ratio >= 2) return `${decimal(ratio)} keer zoveel als ${w.last} (${count(previous)})`;
  const pct = Math.round(Math.abs(ratio - 1) * 100);
  if (pct === 0) return `evenveel als ${w.last} (${count(previous)})`;
  return `${pct}% ${ratio > 1 ? 'meer' : 'minder'} dan ${w.last} (${count(previous)})`;
}

function interval(share: ShareInterval): string {
  if (share.share === null || share.low === null || share.high === null) return 'geen';
  return `${percent(share.share)} (${percent(share.low)} – ${percent(share.high)})`;
}

function ratioText(change: RatioInterval): string {
  if (change.ratio === null) return 'geen vergelijking';
  const bounds =
    change.low !== null && change.high !== null
      ? ` (${decimal(change.low)} – ${decimal(change.high)})`
      : change.low !== null
        ? ` (vanaf ${decimal(change.low)})`
        : '';
  return `${decimal(change.ratio)}×${bounds}`;
}

/** A volume change whose 95% interval leaves out 1: more (or less) than chance explains. */
function clearChange(change: RatioInterval): boolean {
  if (change.ratio === null) return false;
  return (change.low !== null && change.low > 1) || (change.high !== null && change.high < 1);
}

interface Candidate {
  sentence: string;
  /** Higher first; the week's totals always lead. */
  weight: number;
}

/** "Wat speelt er": the week's totals, then the strongest changes, each sentence with its number. */
export function summarySentences(
  doc: EnvironmentDocument,
  periodLabel: string,
  w: Wording = WEEK_WORDS,
): string[] {
  const b = doc.betekenisgeving;
  const info = doc.informatiebehoefte;
  if (!doc.has_data)
    return [
      `In ${periodLabel} zijn geen berichten en geen vragen opgeslagen (0 berichten, 0 vragen): dit rapport kan niet zeggen wat er speelde. Kijk bij Dekking welke bronnen leverden.`,
    ];
  const candidates: Candidate[] = [];
  candidates.push({
    weight: 100,
    sentence: `Er waren ${count(b.volume)} berichten, ${changeWords(b.volume, b.comparison.volume, w)}.`,
  });
  if (b.negative.share !== null)
    candidates.push({
      weight: 90,
      sentence:
        `Het aandeel negatieve berichten was ${percent(b.negative.share)}` +
        (b.comparison.negative.share === null
          ? `; ${w.last} waren er geen berichten om mee te vergelijken.`
          : ` (${w.last} ${percent(b.comparison.negative.share)}).`),
    });
  for (const change of b.significant_changes) {
    candidates.push({
      weight: 80 + Math.min(9, Math.abs(change.difference) * 20),
      sentence:
        `Over ${change.label} was het aandeel negatief ${change.difference > 0 ? 'duidelijk hoger' : 'duidelijk lager'}: ` +
        `${percent(change.share)} tegen ${percent(change.comparison_share)} ${w.last} ` +
        `(${points(change.difference)}, gecorrigeerde p ${pValue(change.p_adjusted)}).`,
    });
  }
  const volumeChanges = b.per_topic
    .filter((topic) => clearChange(topic.volume_change))
    .sort((x, y) => Math.abs(Math.log(y.volume_change.ratio!)) - Math.abs(Math.log(x.volume_change.ratio!)));
  for (const topic of volumeChanges.slice(0, 2)) {
    candidates.push({
      weight: 70 + Math.min(9, Math.abs(Math.log(topic.volume_change.ratio!)) * 3),
      sentence: `Over ${topic.label} gingen ${count(topic.volume)} berichten, ${changeWords(topic.volume, topic.comparison.volume, w)}.`,
    });
  }
  const busiest = [...info.per_topic].sort((x, y) => y.questions - x.questions)[0];
  candidates.push({
    weight: 60,
    sentence:
      `Het KCC registreerde ${count(info.questions)} vragen, ${changeWords(info.questions, info.comparison_questions, w)}` +
      (busiest !== undefined && busiest.questions > 0
        ? `; de meeste over ${busiest.label} (${count(busiest.questions)}).`
        : '.'),
  });
  const gaps = info.without_faq;
  if (gaps.questions > 0) {
    const most = [...gaps.per_topic].sort((x, y) => y.questions - x.questions)[0];
    candidates.push({
      weight: 58,
      sentence:
        `${count(gaps.questions)} ${gaps.questions === 1 ? 'vraag had' : 'vragen hadden'} geen passende FAQ, ${changeWords(gaps.questions, gaps.comparison.questions, w)}` +
        (most !== undefined && most.questions > 0
          ? `; de meeste over ${most.label} (${count(most.questions)}).`
          : '.'),
    });
  }
  const online = info.online;
  if (online.questions > 0) {
    const asked = [...online.per_topic].sort((x, y) => y.questions - x.questions)[0];
    candidates.push({
      weight: 59,
      sentence:
        `In berichten stelden inwoners ${count(online.questions)} ${online.questions === 1 ? 'vraag' : 'vragen'}, ${changeWords(online.questions, online.comparison_questions, w)}` +
        (asked !== undefined && asked.questions > 0
          ? `; de meeste over ${asked.label} (${count(asked.questions)}, waarvan ${count(asked.without_faq)} zonder FAQ).`
          : '.'),
    });
  }
  const changed = doc.handelingsperspectief.in_force.filter((m) => m.changes.length > 0);
  if (changed.length > 0)
    candidates.push({
      weight: 65,
      sentence: `${count(changed.length)} ${changed.length === 1 ? 'maatregel ging in, liep af of veranderde' : 'maatregelen gingen in, liepen af of veranderden'}: ${changed
        .slice(0, 3)
        .map((m) => m.title)
        .join(', ')}${changed.length > 3 ? ' en meer' : ''}.`,
    });
  const alerts = doc.signalen.alerts;
  if (alerts.length > 0) {
    const open = alerts.filter((a) => a.state === 'open').length;
    candidates.push({
      weight: 50,
      sentence: `Er ${alerts.length === 1 ? 'was 1 signaal' : `waren ${count(alerts.length)} signalen`}, waarvan ${count(open)} nog open.`,
    });
  }
  return candidates
    .sort((x, y) => y.weight - x.weight)
    .slice(0, SUMMARY_BULLETS)
    .map((c) => c.sentence);
}

function dailyChart(
  id: string,
  title: string,
  kind: 'bars' | 'share',
  days: DailyFigures[],
  comparisonDays: DailyFigures[],
  w: Wording,
): ReportChart {
  const points: ChartPoint[] = [];
  // Last week's days sit beside this week's by weekday, so Monday is compared with Monday.
  days.forEach((day, i) => {
    const before = comparisonDays[i];
    const x = shortDay(day.date);
    if (kind === 'bars') {
      points.push({ x, series: w.thisCap, value: day.volume });
      if (before) points.push({ x, series: w.lastCap, value: before.volume });
    } else {
      points.push({
        x,
        series: w.thisCap,
        value: day.negative.share,
        low: day.negative.low,
        high: day.negative.high,
      });
      if (before)
        points.push({
          x,
          series: w.lastCap,
          value: before.negative.share,
          low: before.negative.low,
          high: before.negative.high,
        });
    }
  });
  const values = days.map((d) => (kind === 'bars' ? d.volume : d.negative.share));
  const described = days
    .map((d) => `${shortDay(d.date)}: ${kind === 'bars' ? count(d.volume) : percent(d.negative.share)}`)
    .join(', ');
  return {
    id,
    title,
    kind,
    yTitle: kind === 'bars' ? 'berichten' : 'aandeel negatief',
    points,
    description: `${title}, ${w.this} per dag: ${described}.`,
    empty: values.every((v) => v === null || v === 0),
  };
}

/** A count per topic, this period against the last. */
interface TopicCount {
  label: string;
  now: number;
  before: number;
}

/** Bars per topic, this period beside the last: the topics with a count in either (none: said, not drawn). */
function topicChart(
  id: string,
  title: string,
  yTitle: string,
  rows: readonly TopicCount[],
  w: Wording,
): ReportChart {
  const shown = rows.filter((row) => row.now > 0 || row.before > 0);
  return {
    id,
    title,
    kind: 'bars',
    yTitle,
    points: shown.flatMap((row) => [
      { x: row.label, series: w.thisCap, value: row.now },
      { x: row.label, series: w.lastCap, value: row.before },
    ]),
    description: `${title}, ${w.this}: ${shown.map((row) => `${row.label} ${count(row.now)}`).join(', ') || 'geen'}.`,
    empty: shown.length === 0,
  };
}

/** The questions in posts: per topic beside the period before, those without an FAQ, what is not counted yet. */
function onlinePart(
  online: EnvironmentDocument['informatiebehoefte']['online'],
  w: Wording,
): WeeklyReportModel['informatiebehoefte']['online'] {
  const topics = online.per_topic.filter(
    (t) => t.questions > 0 || t.comparison_questions > 0 || t.without_faq > 0 || t.comparison_without_faq > 0,
  );
  const pending = online.undecided + online.comparison_undecided;
  const older = online.older_decision + online.comparison_older_decision;
  return {
    intro:
      online.questions === 0 && online.comparison_questions === 0
        ? `In berichten van inwoners is ${w.this} en ${w.last} geen vraag herkend (0).`
        : `Inwoners stelden ${count(online.questions)} ${online.questions === 1 ? 'vraag' : 'vragen'} in berichten, ${changeWords(online.questions, online.comparison_questions, w)}. ` +
          `Voor ${count(online.without_faq)} daarvan vond de vergelijking met de gepubliceerde FAQ's geen antwoord` +
          `${online.questions > 0 ? ` (${percent(online.without_faq / online.questions)})` : ''}, ${changeWords(online.without_faq, online.comparison_without_faq, w)}.`,
    chart: topicChart(
      'vragen-in-berichten',
      'Vragen in berichten per onderwerp',
      'vragen in berichten',
      topics.map((t) => ({ label: t.label, now: t.questions, before: t.comparison_questions })),
      w,
    ),
    table: {
      caption: `Vragen in berichten per onderwerp, ${w.this} tegen ${w.last}`,
      head: [
        'Onderwerp',
        w.thisCap,
        w.lastCap,
        'Verhouding (95%-interval)',
        `Zonder FAQ ${w.this}`,
        `Zonder FAQ ${w.last}`,
      ],
      rows: topics.map((t) => [
        t.label,
        count(t.questions),
        count(t.comparison_questions),
        ratioText(t.change),
        count(t.without_faq),
        count(t.comparison_without_faq),
      ]),
      empty: `Geen vragen in berichten, ${w.this} noch ${w.last}.`,
    },
    note:
      "Een bericht telt als vraag als een inwoner in het Nederlands iets vraagt (een vraagteken of een vraagvorm); berichten van instellingen en media tellen niet mee. Een bericht met meer onderwerpen telt bij elk onderwerp. 'Zonder FAQ': geen gepubliceerde FAQ van nu beantwoordt de vraag." +
      (pending > 0
        ? ` ${count(pending)} ${pending === 1 ? 'bericht is' : 'berichten zijn'} nog niet gelezen of nog niet met de FAQ's van nu vergeleken en niet meegeteld (dat gebeurt elke minuut).`
        : '') +
      (older > 0
        ? ` ${count(older)} ${older === 1 ? 'vraag is' : 'vragen zijn'} alleen met eerdere FAQ's vergeleken, omdat de tekst al gewist was: geteld als vraag, niet als vraag zonder FAQ.`
        : ''),
  };
}

export function buildWeeklyReportModel(input: WeeklyReportInput): WeeklyReportModel {
  const { document: doc, timeZone: tz } = input;
  const w = input.wording ?? WEEK_WORDS;
  const b = doc.betekenisgeving;
  const info = doc.informatiebehoefte;
  const periodLabel = input.period.label;
  const notes: string[] = [];
  if (!doc.has_data)
    notes.push(
      `In ${periodLabel} is niets opgeslagen: geen berichten en geen vragen. Alle aantallen zijn 0 en aandelen ontbreken; de grafieken blijven daarom leeg.`,
    );

  const questionTopics = info.per_topic.filter((t) => t.questions > 0 || t.comparison_questions > 0);
  const questionChart = topicChart(
    'vragen-per-onderwerp',
    'Vragen per onderwerp',
    'vragen',
    questionTopics.map((t) => ({ label: t.label, now: t.questions, before: t.comparison_questions })),
    w,
  );

  const gaps = info.without_faq;
  const gapTopics = gaps.per_topic.filter((t) => t.questions > 0 || t.comparison.questions > 0);
  const gapChart = topicChart(
    'vragen-zonder-faq',
    'Vragen zonder FAQ per onderwerp',
    'vragen zonder FAQ',
    gapTopics.map((t) => ({ label: t.label, now: t.questions, before: t.comparison.questions })),
    w,
  );
  const withoutFaq = {
    intro:
      info.questions === 0 && gaps.questions === 0
        ? 'Zonder vragen is er ook geen vraag zonder FAQ.'
        : `${count(gaps.questions)} van de ${count(info.questions)} vragen ${gaps.questions === 1 ? 'had' : 'hadden'} geen passende FAQ` +
          `${info.questions > 0 ? ` (${percent(gaps.questions / info.questions)})` : ''}, ${changeWords(gaps.questions, gaps.comparison.questions, w)}. ` +
          `Bij ${count(gaps.no_faq_found)} vond de vergelijking met de gepubliceerde FAQ's geen antwoord; ` +
          (gaps.answered_without_faq === 0
            ? 'geen vraag werd beantwoord zonder de voorgestelde FAQ.'
            : `${count(gaps.answered_without_faq)} ${gaps.answered_without_faq === 1 ? 'werd' : 'werden'} beantwoord zonder de voorgestelde FAQ.`),
    chart: gapChart,
    table: {
      caption: `Vragen zonder FAQ per onderwerp, ${w.this} tegen ${w.last}`,
      head: [
        'Onderwerp',
        w.thisCap,
        w.lastCap,
        'Verhouding (95%-interval)',
        'Geen FAQ gevonden',
        'Beantwoord zonder FAQ',
      ],
      rows: gapTopics.map((t) => [
        t.label,
        count(t.questions),
        count(t.comparison.questions),
        ratioText(t.change),
        count(t.no_faq_found),
        count(t.answered_without_faq),
      ]),
      empty: `Geen vragen zonder FAQ, ${w.this} noch ${w.last}.`,
    },
    note:
      `${w.bothCap} zijn vergeleken met de FAQ's die nu gepubliceerd zijn: een FAQ die sinds ${w.last} is verschenen, telt ook voor de vragen van toen.` +
      (gaps.undecided + gaps.comparison_undecided > 0
        ? ` ${count(gaps.undecided + gaps.comparison_undecided)} ${gaps.undecided + gaps.comparison_undecided === 1 ? 'vraag is' : 'vragen zijn'} nog niet met de FAQ's vergeleken en niet meegeteld (dat gebeurt elke minuut).`
        : ''),
  };

  const measures = doc.handelingsperspectief.in_force;
  const changedMeasures = measures.filter((m) => m.changes.length > 0);
  const examples = b.examples;
  return {
    title: `Situatierapport ${periodLabel}`,
    organisation: input.organisation,
    periodKey: input.period.key,
    periodLabel,
    comparisonLabel: input.comparison.label,
    generatedAt: momentOf(input.generatedAt.getTime(), tz),
    hasData: doc.has_data,
    notes,
    wording: w,
    summary: summarySentences(doc, periodLabel, w),
    keyFigures: {
      caption: 'Kerncijfers',
      head: ['', w.thisCap, w.lastCap],
      rows: [
        ['Berichten', count(b.volume), count(b.comparison.volume)],
        ['Aandeel negatief', percent(b.negative.share), percent(b.comparison.negative.share)],
        ['Aandeel positief', percent(b.positive.share), percent(b.comparison.positive.share)],
        ['Vragen bij het KCC', count(info.questions), count(info.comparison_questions)],
        ['Vragen in berichten', count(info.online.questions), count(info.online.comparison_questions)],
        ['Maatregelen van kracht', count(measures.length), '–'],
        ['Signalen', count(doc.signalen.alerts.length), '–'],
      ],
      empty: '',
    },
    informatiebehoefte: {
      intro: `Het KCC registreerde ${count(info.questions)} vragen, ${changeWords(info.questions, info.comparison_questions, w)}.`,
      note: 'Hier staan de vragen uit het KCC-register; de vragen die inwoners in berichten stelden, staan hieronder bij Vragen in berichten.',
      chart: questionChart,
      table: {
        caption: `Vragen per onderwerp, ${w.this} tegen ${w.last}`,
        head: ['Onderwerp', w.thisCap, w.lastCap, 'Verhouding (95%-interval)'],
        rows: questionTopics.map((t) => [
          t.label,
          count(t.questions),
          count(t.comparison_questions),
          ratioText(t.change),
        ]),
        empty: `Geen vragen, ${w.this} noch ${w.last}.`,
      },
      withoutFaq,
      online: onlinePart(info.online, w),
    },
    handelingsperspectief: {
      intro: `${count(measures.length)} ${measures.length === 1 ? 'maatregel was' : 'maatregelen waren'} van kracht; ${count(
        changedMeasures.length,
      )} ${changedMeasures.length === 1 ? 'ging in, liep af of veranderde' : 'gingen in, liepen af of veranderden'} ${w.this}.`,
      method:
        'Effect: 48 uur na het ingaan tegen dezelfde uren in de 4 weken ervoor, op het onderwerp van de maatregel (verhouding van volume, verschuiving van het aandeel negatief), met 95%-interval.',
      table: {
        caption: `Maatregelen die ${w.this} ingingen, afliepen of veranderden, met hun gemeten effect`,
        head: [
          'Maatregel',
          'Soort',
          'Van kracht',
          w.thisCap,
          'Effect op volume',
          'Effect op aandeel negatief',
        ],
        rows: changedMeasures.map((m) => [
          m.title,
          `${LEVELS[m.level] ?? m.level}, ${DIRECTIONS[m.direction] ?? m.direction}`,
          `${dayOf(Date.parse(m.effective_from), tz)}${m.effective_until ? ` t/m ${dayOf(Date.parse(m.effective_until), tz)}` : ''}`,
          m.changes.map((c) => CHANGES[c] ?? c).join(', '),
          ratioText(m.effect.volume),
          m.effect.sentiment.shift === null
            ? 'geen vergelijking'
            : `${points(m.effect.sentiment.shift)}${
                m.effect.sentiment.low !== null && m.effect.sentiment.high !== null
                  ? ` (${points(m.effect.sentiment.low)} – ${points(m.effect.sentiment.high)})`
                  : ''
              }`,
        ]),
        empty: `${w.thisCap} ging geen maatregel in, liep er geen af en veranderde er geen.`,
      },
      alsoInForce: measures.filter((m) => m.changes.length === 0).map((m) => m.title),
    },
    betekenisgeving: {
      intro:
        `${count(b.volume)} berichten, ${changeWords(b.volume, b.comparison.volume, w)}. ` +
        `Aandeel negatief ${interval(b.negative)}, positief ${interval(b.positive)}.`,
      volumeChart: dailyChart(
        'volume-per-dag',
        'Berichten per dag',
        'bars',
        input.days,
        input.comparisonDays,
        w,
      ),
      negativeChart: dailyChart(
        'negatief-per-dag',
        'Aandeel negatieve berichten per dag, met 95%-interval',
        'share',
        input.days,
        input.comparisonDays,
        w,
      ),
      topics: {
        caption: 'Volume en sentiment per onderwerp',
        head: [
          'Onderwerp',
          'Berichten',
          w.lastCap,
          'Negatief (95%-interval)',
          w.lastCap,
          'Verschil getoetst',
        ],
        rows: b.per_topic
          .filter((t) => t.volume > 0 || t.comparison.volume > 0)
          .map((t) => [
            t.label,
            count(t.volume),
            count(t.comparison.volume),
            interval(t.negative),
            percent(t.comparison.negative.share),
            t.negative_share_test === null
              ? '–'
              : `p ${pValue(t.negative_share_test.p_adjusted)}${t.negative_share_test.significant ? ' (significant)' : ''}`,
          ]),
        empty: `Geen berichten over een onderwerp, ${w.this} noch ${w.last}.`,
      },
      sources: {
        caption: 'Volume en sentiment per bron',
        head: ['Bron', 'Berichten', w.lastCap, 'Negatief (95%-interval)'],
        rows: b.per_source.map((s) => [
          s.source,
          count(s.volume),
          count(s.comparison.volume),
          interval(s.negative),
        ]),
        empty: 'Geen bronnen met berichten.',
      },
      significant:
        b.significant_changes.length === 0
          ? ['Geen onderwerp veranderde significant in aandeel negatief (Holm-gecorrigeerd, p < 0,05).']
          : b.significant_changes.map(
              (c) =>
                `${c.label}: ${percent(c.share)} negatief tegen ${percent(c.comparison_share)} (${points(c.difference)}; ${
                  c.test === 'fisher_exact' ? 'exacte toets van Fisher' : 'z-toets voor twee proporties'
                }, p ${pValue(c.p_value)}, gecorrigeerd ${pValue(c.p_adjusted)}).`,
            ),
      terms: {
        caption: `Opkomende termen (tegen ${w.before})`,
        head: ['Term', w.thisCap, w.beforeCap, 'Verhouding'],
        rows: b.emerging_terms.terms
          .slice(0, 10)
          .map((t) => [t.term, count(t.count), count(t.baseline_count), `${decimal(t.ratio)}×`]),
        empty: 'Geen termen kwamen opvallend vaker voor.',
      },
      examples: {
        shown: examples.shown,
        reason: examples.shown ? null : 'Voorbeeldberichten worden alleen getoond aan analisten.',
        topics: examples.topics
          .filter((t) => t.posts.length > 0)
          .map((t) => ({
            label: t.label,
            posts: t.posts.map((p) => ({
              author: `${p.author ?? 'onbekend'} (${AUTHOR_KINDS[p.author_kind] ?? p.author_kind})`,
              source: p.source,
              text: p.text,
            })),
          })),
      },
      methods: [
        'Aandelen met het 95%-interval van Wilson.',
        'Verschil in aandeel negatief per onderwerp: z-toets voor twee proporties, of de exacte toets van Fisher bij kleine aantallen; gecorrigeerd voor het aantal getoetste onderwerpen (Holm).',
        'Verandering in volume en vragen: verhouding van de aantallen per dag, met exact 95%-interval.',
      ],
    },
    signalen: {
      intro:
        doc.signalen.alerts.length === 0
          ? `Er waren ${w.this} geen signalen.`
          : `${doc.signalen.alerts.length === 1 ? '1 signaal' : `${count(doc.signalen.alerts.length)} signalen`}, waarvan ${count(doc.signalen.alerts.filter((a) => a.state === 'open').length)} nog open.`,
      table: {
        caption: `Signalen (alerts) van ${w.the}`,
        head: ['Signaal', 'Soort', 'Status', 'Geopend', 'Opgelost'],
        rows: doc.signalen.alerts.map((a) => [
          a.title,
          ALERT_KINDS[a.kind] ?? a.kind,
          ALERT_STATES[a.state] ?? a.state,
          momentOf(Date.parse(a.opened_at), tz),
          a.resolved_at === null ? '–' : momentOf(Date.parse(a.resolved_at), tz),
        ]),
        empty: 'Geen signalen.',
      },
    },
    dekking: {
      intro: 'Waar dit rapport op rust: de bronnen, wat ontbrak, en hoe goed het sentiment wordt gemeten.',
      sources: {
        caption: 'Berichten per bron',
        head: ['Bron', w.thisCap, w.lastCap, 'Dagen zonder gegevens'],
        rows: doc.dekking.per_source.map((s) => [
          s.source,
          count(s.items),
          count(s.comparison_items),
          s.days_without_data.length === 0 ? 'geen' : s.days_without_data.map(shortDay).join(', '),
        ]),
        empty: 'Geen enkele bron leverde berichten.',
      },
      gaps: [
        doc.dekking.days_without_data.length === 0
          ? `Elke dag van ${w.the} zijn berichten binnengekomen.`
          : `${count(doc.dekking.days_without_data.length)} ${doc.dekking.days_without_data.length === 1 ? 'dag' : 'dagen'} zonder enig bericht: ${doc.dekking.days_without_data.map(shortDay).join(', ')}.`,
        ...doc.dekking.failed_sources.map(
          (f) =>
            `Bron ${f.source} was gestoord vanaf ${momentOf(Date.parse(f.opened_at), tz)}${
              f.resolved_at ? ` tot ${momentOf(Date.parse(f.resolved_at), tz)}` : ' en is nog niet hersteld'
            }.`,
        ),
        ...doc.dekking.sources_with_errors.map(
          (s) => `Bron ${s.id} (${s.kind}) gaf een fout op ${momentOf(Date.parse(s.last_error_at), tz)}.`,
        ),
      ],
      model: modelLines(doc.dekking.sentiment_model),
    },
  };
}

function modelLines(model: EnvironmentDocument['dekking']['sentiment_model']): string[] {
  const lines = [
    `Sentiment gemeten met ${model.in_use}${model.active_version ? ` (versie ${model.active_version})` : ''}; het lexicon is ${model.lexicon}.`,
  ];
  // The stored cross-validation: { folds, rows, model: { accuracy, macro_f1, ... }, baselines }.
  const measured = model.measured_accuracy as {
    folds?: unknown;
    rows?: unknown;
    model?: { accuracy?: unknown; macro_f1?: unknown };
  } | null;
  const accuracy = measured?.model?.accuracy;
  const f1 = measured?.model?.macro_f1;
  lines.push(
    typeof accuracy === 'number'
      ? `Gemeten nauwkeurigheid (kruisvalidatie${typeof measured?.folds === 'number' ? ` in ${measured.folds} delen` : ''}${
          typeof measured?.rows === 'number' ? ` over ${count(measured.rows)} gelabelde teksten` : ''
        }): ${percent(accuracy)} goed${typeof f1 === 'number' ? `, macro-F1 ${decimal(f1 * 100)}%` : ''}.`
      : 'Voor het model in gebruik zijn geen eigen kruisvalidatiecijfers opgeslagen; de evaluatie van het meegeleverde model staat in services/nlp/model/README.md.',
  );
  lines.push(`${count(model.analyst_corrections)} correcties door analisten.`);
  return lines;
}
