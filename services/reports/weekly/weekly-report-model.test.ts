// The report model's sentences: each carries its number from the document, the strongest changes come first, at
// most five; a week without data says so in one sentence; Dutch numbers and shares.
import { describe, expect, it } from 'vitest';
import type { EnvironmentDocument, TopicSentiment } from '../../analyses/environment-document.js';
import { wilson } from '../../analyses/statistics.js';
import { reportWeek } from './report-week.js';
import { buildWeeklyReportModel, changeWords, summarySentences } from './weekly-report-model.js';

const TZ = 'Europe/Amsterdam';
const none = { ratio: null, low: null, high: null };
const block = (n: number, neg: number, pos: number) => ({
  volume: n,
  negative: wilson(neg, n),
  positive: wilson(pos, n),
});

function topic(id: string, label: string, now: [number, number], before: [number, number]): TopicSentiment {
  return {
    topic: id,
    label,
    ...block(now[0], now[1], 0),
    comparison: block(before[0], before[1], 0),
    volume_change:
      before[0] === 0
        ? none
        : { ratio: now[0] / before[0], low: (now[0] / before[0]) * 0.8, high: (now[0] / before[0]) * 1.25 },
    negative_share_test: null,
  };
}

/** Online question counts of one topic: [questions, without FAQ] this week and last. */
function asked(now: [number, number], before: [number, number], undecided = 0) {
  return {
    questions: now[0],
    comparison_questions: before[0],
    change:
      before[0] === 0
        ? none
        : { ratio: now[0] / before[0], low: (now[0] / before[0]) * 0.8, high: (now[0] / before[0]) * 1.25 },
    without_faq: now[1],
    comparison_without_faq: before[1],
    without_faq_change: none,
    undecided,
    comparison_undecided: 0,
    older_decision: 0,
    comparison_older_decision: 0,
  };
}

function document(overrides: Partial<EnvironmentDocument> = {}): EnvironmentDocument {
  const curfew = topic('avondklok', 'Avondklok', [1200, 900], [400, 100]);
  return {
    period: { from: '2021-01-24T23:00:00.000Z', to: '2021-01-31T23:00:00.000Z', days: 7 },
    comparison: { kind: 'custom', from: '2021-01-17T23:00:00.000Z', to: '2021-01-24T23:00:00.000Z', days: 7 },
    filters: { topic: 'all', source: 'all' },
    has_data: true,
    notes: [],
    methods: { shares: '', share_change: '', correction: '', rate_change: '' },
    informatiebehoefte: {
      question_source: 'kcc_register',
      note: '',
      questions: 1234,
      comparison_questions: 1000,
      change: { ratio: 1.234, low: 1.1, high: 1.3 },
      per_topic: [
        { topic: 'vaccinatie', label: 'Vaccinatie', questions: 700, comparison_questions: 500, change: none },
        { topic: 'avondklok', label: 'Avondklok', questions: 534, comparison_questions: 500, change: none },
      ],
      without_faq: {
        note: '',
        faq_set: 'set',
        questions: 312,
        no_faq_found: 300,
        answered_without_faq: 12,
        comparison: { questions: 200, no_faq_found: 200, answered_without_faq: 0 },
        change: { ratio: 1.56, low: 1.3, high: 1.87 },
        undecided: 3,
        comparison_undecided: 0,
        per_topic: [
          {
            topic: 'vaccinatie',
            label: 'Vaccinatie',
            questions: 250,
            no_faq_found: 240,
            answered_without_faq: 10,
            comparison: { questions: 120, no_faq_found: 120, answered_without_faq: 0 },
            change: { ratio: 2.083, low: 1.68, high: 2.6 },
          },
          {
            topic: 'avondklok',
            label: 'Avondklok',
            questions: 62,
            no_faq_found: 60,
            answered_without_faq: 2,
            comparison: { questions: 80, no_faq_found: 80, answered_without_faq: 0 },
            change: none,
          },
          {
            topic: 'sport',
            label: 'Sport',
            questions: 0,
            no_faq_found: 0,
            answered_without_faq: 0,
            comparison: { questions: 0, no_faq_found: 0, answered_without_faq: 0 },
            change: none,
          },
        ],
      },
      online: {
        question_source: 'posts',
        note: '',
        faq_set: 'set',
        ...asked([420, 150], [300, 90], 4),
        per_topic: [
          { topic: 'vaccinatie', label: 'Vaccinatie', ...asked([80, 20], [100, 30]) },
          { topic: 'avondklok', label: 'Avondklok', ...asked([340, 130], [200, 60]) },
          { topic: 'sport', label: 'Sport', ...asked([0, 0], [0, 0]) },
        ],
      },
    },
    handelingsperspectief: { effect_method: '', in_force: [], changed_in_period: [] },
    betekenisgeving: {
      ...block(1500, 1000, 200),
      comparison: block(1000, 300, 300),
      volume_change: { ratio: 1.5, low: 1.4, high: 1.6 },
      per_topic: [curfew, topic('sport', 'Sport', [300, 100], [600, 200])],
      per_source: [],
      significant_changes: [
        {
          topic: 'avondklok',
          label: 'Avondklok',
          metric: 'negative_share',
          share: 0.75,
          comparison_share: 0.25,
          difference: 0.5,
          test: 'two_proportion_z',
          p_value: 1e-9,
          p_adjusted: 2e-9,
        },
      ],
      emerging_terms: { baseline: '', terms: [] },
      examples: { shown: false, reason: 'role', topics: [] },
    },
    signalen: { alerts: [] },
    dekking: {
      days_without_data: [],
      per_source: [],
      failed_sources: [],
      sources_with_errors: [],
      sentiment_model: {
        in_use: 'shipped',
        lexicon: 'lexicon-nl@1',
        active_version: null,
        measured_accuracy: null,
        note: '',
        analyst_corrections: 0,
      },
    },
    ...overrides,
  };
}

describe('"Wat speelt er"', () => {
  it('leads with the totals, then the strongest changes, each with its number, at most five', () => {
    expect(summarySentences(document(), 'week 4')).toEqual([
      'Er waren 1.500 berichten, 50% meer dan vorige week (1.000).',
      'Het aandeel negatieve berichten was 66,7% (vorige week 30,0%).',
      'Over Avondklok was het aandeel negatief duidelijk hoger: 75,0% tegen 25,0% vorige week (+50,0 procentpunt, gecorrigeerde p < 0,001).',
      'Over Avondklok gingen 1.200 berichten, 3,0 keer zoveel als vorige week (400).',
      'Over Sport gingen 300 berichten, 50% minder dan vorige week (600).',
    ]);
  });

  it('names the questions and the changed measures when there is room, and says a week without data plainly', () => {
    const quiet = document({
      betekenisgeving: { ...document().betekenisgeving, significant_changes: [], per_topic: [] },
    });
    const sentences = summarySentences(quiet, 'week 4');
    expect(sentences).toContain(
      'Het KCC registreerde 1.234 vragen, 23% meer dan vorige week (1.000); de meeste over Vaccinatie (700).',
    );
    expect(sentences).toContain(
      '312 vragen hadden geen passende FAQ, 56% meer dan vorige week (200); de meeste over Vaccinatie (250).',
    );
    expect(sentences).toContain(
      'In berichten stelden inwoners 420 vragen, 40% meer dan vorige week (300); de meeste over Avondklok (340, waarvan 130 zonder FAQ).',
    );
    expect(
      summarySentences(document({ has_data: false }), 'week 53 (28 december 2020 t/m 3 januari 2021)'),
    ).toEqual([
      'In week 53 (28 december 2020 t/m 3 januari 2021) zijn geen berichten en geen vragen opgeslagen (0 berichten, 0 vragen): dit rapport kan niet zeggen wat er speelde. Kijk bij Dekking welke bronnen leverden.',
    ]);
  });

  it('words a change against last week', () => {
    expect(changeWords(0, 0)).toBe('net als vorige week (0)');
    expect(changeWords(5, 0)).toBe('vorige week nog geen (0)');
    expect(changeWords(100, 100)).toBe('evenveel als vorige week (100)');
    expect(changeWords(80, 100)).toBe('20% minder dan vorige week (100)');
    expect(changeWords(2500, 1000)).toBe('2,5 keer zoveel als vorige week (1.000)');
  });
});

describe('the report model', () => {
  it('takes its figures from the document and says when a chart has nothing to draw', () => {
    const period = reportWeek('2021-W04', TZ);
    const comparison = reportWeek('2021-W03', TZ);
    const days = period.days.map((date, i) => ({
      date,
      volume: i === 6 ? 0 : 10,
      negative: wilson(i, i === 6 ? 0 : 10),
    }));
    const model = buildWeeklyReportModel({
      organisation: 'Gemeente Huizen',
      period,
      comparison,
      document: document(),
      days,
      comparisonDays: comparison.days.map((date) => ({ date, volume: 0, negative: wilson(0, 0) })),
      generatedAt: new Date('2021-02-01T07:00:00Z'),
      timeZone: TZ,
    });
    expect(model.title).toBe('Situatierapport week 4 (25 t/m 31 januari 2021)');
    expect(model.generatedAt).toBe('1 februari 2021 08:00');
    expect(model.keyFigures.rows[0]).toEqual(['Berichten', '1.500', '1.000']);
    expect(model.keyFigures.rows[3]).toEqual(['Vragen bij het KCC', '1.234', '1.000']);
    expect(model.keyFigures.rows[4]).toEqual(['Vragen in berichten', '420', '300']);
    expect(model.betekenisgeving.volumeChart.empty).toBe(false);
    expect(model.betekenisgeving.volumeChart.description).toContain('zo 31-1: 0');
    expect(model.betekenisgeving.negativeChart.points.filter((p) => p.series === 'Deze week')).toHaveLength(
      7,
    );
    expect(model.betekenisgeving.examples.reason).toBe(
      'Voorbeeldberichten worden alleen getoond aan analisten.',
    );
    expect(model.handelingsperspectief.table.rows).toEqual([]);
    expect(model.dekking.gaps).toEqual(['Elke dag van de week zijn berichten binnengekomen.']);
  });

  it('shows the questions without an FAQ per topic, with the split and the undecided, instead of a promise', () => {
    const period = reportWeek('2021-W04', TZ);
    const comparison = reportWeek('2021-W03', TZ);
    const noDays = (p: typeof period) => p.days.map((date) => ({ date, volume: 0, negative: wilson(0, 0) }));
    const model = buildWeeklyReportModel({
      organisation: 'Gemeente Huizen',
      period,
      comparison,
      document: document(),
      days: noDays(period),
      comparisonDays: noDays(comparison),
      generatedAt: new Date('2021-02-01T07:00:00Z'),
      timeZone: TZ,
    });
    const gaps = model.informatiebehoefte.withoutFaq;
    expect(gaps.intro).toBe(
      "312 van de 1.234 vragen hadden geen passende FAQ (25,3%), 56% meer dan vorige week (200). Bij 300 vond de vergelijking met de gepubliceerde FAQ's geen antwoord; 12 werden beantwoord zonder de voorgestelde FAQ.",
    );
    // A topic without gaps in either week is left out of the table and the chart.
    expect(gaps.table.rows).toEqual([
      ['Vaccinatie', '250', '120', '2,1× (1,7 – 2,6)', '240', '10'],
      ['Avondklok', '62', '80', 'geen vergelijking', '60', '2'],
    ]);
    expect(gaps.chart.empty).toBe(false);
    expect(gaps.chart.points.map((p) => [p.x, p.series, p.value])).toEqual([
      ['Vaccinatie', 'Deze week', 250],
      ['Vaccinatie', 'Vorige week', 120],
      ['Avondklok', 'Deze week', 62],
      ['Avondklok', 'Vorige week', 80],
    ]);
    expect(gaps.note).toContain("3 vragen zijn nog niet met de FAQ's vergeleken en niet meegeteld");
    expect(model.informatiebehoefte.note).not.toContain('nog niet bijgehouden');
  });

  it('shows the questions in posts per topic beside the KCC, with those without an FAQ and what is not counted yet', () => {
    const period = reportWeek('2021-W04', TZ);
    const comparison = reportWeek('2021-W03', TZ);
    const noDays = (p: typeof period) => p.days.map((date) => ({ date, volume: 0, negative: wilson(0, 0) }));
    const input = {
      organisation: 'Gemeente Huizen',
      period,
      comparison,
      document: document(),
      days: noDays(period),
      comparisonDays: noDays(comparison),
      generatedAt: new Date('2021-02-01T07:00:00Z'),
      timeZone: TZ,
    };
    const model = buildWeeklyReportModel(input);
    const online = model.informatiebehoefte.online;
    expect(online.intro).toBe(
      "Inwoners stelden 420 vragen in berichten, 40% meer dan vorige week (300). Voor 150 daarvan vond de vergelijking met de gepubliceerde FAQ's geen antwoord (35,7%), 67% meer dan vorige week (90).",
    );
    // A topic without questions in either week is left out of the table and the chart.
    expect(online.table.rows).toEqual([
      ['Vaccinatie', '80', '100', '0,8× (0,6 – 1,0)', '20', '30'],
      ['Avondklok', '340', '200', '1,7× (1,4 – 2,1)', '130', '60'],
    ]);
    // The same bars as the KCC's chart: this week beside last week, per topic.
    expect(online.chart).toMatchObject({ id: 'vragen-in-berichten', kind: 'bars', empty: false });
    expect(online.chart.points.map((p) => [p.x, p.series, p.value])).toEqual([
      ['Vaccinatie', 'Deze week', 80],
      ['Vaccinatie', 'Vorige week', 100],
      ['Avondklok', 'Deze week', 340],
      ['Avondklok', 'Vorige week', 200],
    ]);
    expect(online.note).toContain('4 berichten zijn nog niet gelezen of nog niet met de FAQ');
    expect(model.informatiebehoefte.note).not.toContain('nog niet');
    // Without questions in posts the chart is empty (the template says so) and the table says why.
    const doc = document();
    const quiet = buildWeeklyReportModel({
      ...input,
      document: {
        ...doc,
        informatiebehoefte: {
          ...doc.informatiebehoefte,
          online: { ...doc.informatiebehoefte.online, ...asked([0, 0], [0, 0]), per_topic: [] },
        },
      },
    }).informatiebehoefte.online;
    expect(quiet.chart.empty).toBe(true);
    expect(quiet.intro).toBe('In berichten van inwoners is deze week en vorige week geen vraag herkend (0).');
  });
});
