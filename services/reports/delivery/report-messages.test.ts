import { describe, expect, it } from 'vitest';
import type { EnvironmentDocument } from '../../analyses/environment-document.js';
import { plainText } from '../../alerts/alert-message.js';
import { digestMessage, notableChanges, reportPageUrl, weeklyMessage } from './report-messages.js';

const PERIOD = {
  fromMs: 1_000,
  toMs: 2_000,
  key: '2021-01-25',
  label: '25 januari 2021 (de 24 uur tot 08:30)',
};
const link = (dashboard: string, from: number, to: number) =>
  `https://grafana.test/d/${dashboard}?from=${from}&to=${to}`;
const share = (count: number, n: number) => ({
  count,
  n,
  share: n === 0 ? null : count / n,
  low: null,
  high: null,
});
const block = (n: number, neg: number) => ({ volume: n, negative: share(neg, n), positive: share(0, n) });

/** The parts of an environment document the digest reads; the rest of the document does not matter here. */
function document(parts: {
  topics?: { label: string; now: number; before: number }[];
  significant?: { label: string; share: number; before: number; p: number }[];
  alerts?: { title: string; state: string }[];
  measures?: { id: string; title: string; changed: boolean }[];
  questions?: [number, number];
  volume?: [number, number];
}): EnvironmentDocument {
  const [now, before] = parts.volume ?? [100, 80];
  return {
    has_data: now > 0,
    informatiebehoefte: {
      questions: parts.questions?.[0] ?? 0,
      comparison_questions: parts.questions?.[1] ?? 0,
    },
    handelingsperspectief: {
      in_force: (parts.measures ?? []).map((m) => ({ id: m.id, title: m.title, level: 'landelijk' })),
      changed_in_period: (parts.measures ?? []).filter((m) => m.changed).map((m) => m.id),
    },
    betekenisgeving: {
      ...block(now, Math.round(now / 4)),
      comparison: block(before, 0),
      per_topic: (parts.topics ?? []).map((topic) => ({
        topic: topic.label.toLowerCase(),
        label: topic.label,
        ...block(topic.now, 0),
        comparison: block(topic.before, 0),
      })),
      significant_changes: (parts.significant ?? []).map((change) => ({
        topic: change.label.toLowerCase(),
        label: change.label,
        metric: 'negative_share',
        share: change.share,
        comparison_share: change.before,
        difference: change.share - change.before,
        test: 'two_proportion_z',
        p_value: change.p,
        p_adjusted: change.p,
      })),
    },
    signalen: { alerts: (parts.alerts ?? []).map((alert, i) => ({ id: String(i), ...alert })) },
  } as unknown as EnvironmentDocument;
}

describe('the digest`s notable changes', () => {
  it('ranks significant share changes first, then the largest volume changes, three at most', () => {
    const changes = notableChanges(
      document({
        topics: [
          { label: 'Avondklok', now: 200, before: 20 },
          { label: 'Mondkapjes', now: 30, before: 60 },
          { label: 'Vaccinatie', now: 101, before: 100 },
          { label: 'Scholen', now: 5, before: 1 },
        ],
        significant: [
          { label: 'Testen', share: 0.4, before: 0.2, p: 0.03 },
          { label: 'Horeca', share: 0.7, before: 0.3, p: 0.001 },
        ],
      }),
      PERIOD,
      link,
    );
    expect(changes.map((change) => change.text)).toEqual([
      'Horeca: 70% negatief (de dag ervoor 30%, p = 0.0010 na correctie)',
      'Testen: 40% negatief (de dag ervoor 20%, p = 0.030 na correctie)',
      'Avondklok: 200 berichten (de dag ervoor 20)',
    ]);
    expect(changes[0]!.link).toBe(link('onderstroom-overzicht', 1_000, 2_000));
  });

  it('leaves out an unchanged topic and one too small to say anything', () => {
    const changes = notableChanges(
      document({
        topics: [
          { label: 'Vaccinatie', now: 101, before: 100 },
          { label: 'Scholen', now: 9, before: 1 },
        ],
      }),
      PERIOD,
      link,
    );
    expect(changes).toEqual([]);
  });
});

describe('the digest message', () => {
  it('holds the four points in Dutch, each with its dashboard', () => {
    const { message, summary } = digestMessage(
      document({
        topics: [{ label: 'Avondklok', now: 200, before: 20 }],
        alerts: [
          { title: 'Piek in volume: avondklok', state: 'open' },
          { title: 'Bron faalt: Mastodon', state: 'resolved' },
        ],
        measures: [
          { id: 'm1', title: 'Avondklok vanaf 21.00 uur', changed: true },
          { id: 'm2', title: 'Mondkapjesplicht', changed: false },
        ],
        questions: [1234, 1000],
        volume: [2500, 1800],
      }),
      PERIOD,
      link,
      new Date('2021-01-25T07:30:00Z'),
    );
    expect(message.title).toBe('Dagoverzicht 25 januari 2021 (de 24 uur tot 08:30)');
    expect(message.headline).toBe('2.500 berichten, 25% negatief (de dag ervoor 1.800 berichten)');
    expect(message.bullets).toEqual([
      {
        text: 'Opvallend: Avondklok: 200 berichten (de dag ervoor 20)',
        link: link('onderstroom-overzicht', 1_000, 2_000),
      },
      {
        text: 'Open signalen: 1 (Piek in volume: avondklok)',
        link: link('onderstroom-overzicht', 1_000, 2_000),
      },
      {
        text: 'Nieuwe of gewijzigde maatregelen: Avondklok vanaf 21.00 uur (landelijk)',
        link: link('onderstroom-maatregelen', 1_000, 2_000),
      },
      {
        text: 'Vragen bij het KCC: 1.234 (de dag ervoor 1.000)',
        link: link('onderstroom-vragen', 1_000, 2_000),
      },
    ]);
    expect(summary[0]).toBe(message.headline);
    expect(plainText(message)).toContain(
      `- Vragen bij het KCC: 1.234 (de dag ervoor 1.000) (${link('onderstroom-vragen', 1_000, 2_000)})`,
    );
  });

  it('says plainly when the day had no data and nothing changed', () => {
    const { message } = digestMessage(document({ volume: [0, 0] }), PERIOD, () => null, new Date(0));
    expect(message.headline).toBe('Geen berichten of vragen in deze 24 uur: er is niets om over te melden.');
    expect(message.bullets?.map((bullet) => bullet.text)).toEqual([
      'Opvallend: geen duidelijke veranderingen ten opzichte van de dag ervoor',
      'Open signalen: geen',
      'Nieuwe of gewijzigde maatregelen: geen',
      'Vragen bij het KCC: 0 (de dag ervoor 0)',
    ]);
    expect(message.bullets?.every((bullet) => bullet.link === null)).toBe(true);
  });
});

describe('the weekly message', () => {
  it('carries the summary as bullets and links the report page (no link without ONDERSTROOM_WEB_URL)', () => {
    const period = { fromMs: 0, toMs: 1, key: '2021-W03', label: 'week 3 (18 t/m 24 januari 2021)' };
    const message = weeklyMessage(period, ['Avondklok: 75% negatief.'], 'https://o.example/', new Date(0));
    expect(message.title).toBe('Situatierapport week 3 (18 t/m 24 januari 2021)');
    expect(message.bullets).toEqual([{ text: 'Avondklok: 75% negatief.', link: null }]);
    expect(message.link).toBe('https://o.example/rapportage/bekijken?week=2021-W03');
    expect(reportPageUrl('https://o.example/app', '2021-W03')).toBe(
      'https://o.example/app/rapportage/bekijken?week=2021-W03',
    );
    expect(reportPageUrl(null, '2021-W03')).toBeNull();
  });
});
