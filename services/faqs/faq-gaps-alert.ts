// The weekly alert of new FAQ gaps (issue 16, point 3): of the last week's gaps (KCC and online), the clusters with
// at least `minCount` questions that had fewer the week before, as one Dutch message with a link to the page
// Vragen zonder FAQ over that week. Pure; sent once per week and channel by the reports' outbox
// (services/reports/delivery). Channels are read by the whole team: a KCC gap is named by its draft question
// (contact details masked), an online gap only by its count and topic, never by a post's text.
import type { AlertMessage, MessageBullet } from '../alerts/alert-message.js';
import { localDate } from '../time/zoned-time.js';
import type { GapsAnswer } from './faq-gaps.service.js';

export interface GapsAlertPeriod {
  fromMs: number;
  toMs: number;
  key: string;
  label: string;
}

export interface NewGap {
  where: 'kcc' | 'online';
  count: number;
  previousCount: number;
  /** The draft question of a KCC gap; null for an online one. */
  question: string | null;
  topic: string | null;
}

/** The clusters that reached `minCount` this period and stayed below it the period before, largest first. */
export function newGaps(answer: GapsAnswer, minCount: number): NewGap[] {
  const isNew = (c: { count: number; previousCount: number }) =>
    c.count >= minCount && c.previousCount < minCount;
  return [
    ...answer.clusters.filter(isNew).map((c) => ({
      where: 'kcc' as const,
      count: c.count,
      previousCount: c.previousCount,
      question: c.draft.question,
      topic: c.draft.topic,
    })),
    ...answer.online.clusters.filter(isNew).map((c) => ({
      where: 'online' as const,
      count: c.count,
      previousCount: c.previousCount,
      question: null,
      topic: c.draft.topic,
    })),
  ].sort((a, b) => b.count - a.count || (a.where === b.where ? 0 : a.where === 'kcc' ? -1 : 1));
}

/** `<web>/vragen-zonder-faq?van=...&tot=...` over the period's local days; null without ONDERSTROOM_WEB_URL. */
export function gapsPageUrl(webUrl: string | null, period: GapsAlertPeriod, timeZone: string): string | null {
  if (webUrl === null) return null;
  const url = new URL('vragen-zonder-faq', webUrl.endsWith('/') ? webUrl : `${webUrl}/`);
  url.searchParams.set('van', localDate(period.fromMs, timeZone));
  url.searchParams.set('tot', localDate(period.toMs, timeZone));
  return url.toString();
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The message of the week's new gaps; null when there are none (nothing is sent then). */
export function gapsAlertMessage(
  gaps: readonly NewGap[],
  input: {
    period: GapsAlertPeriod;
    minCount: number;
    link: string | null;
    topicLabel: (topic: string) => string;
    at: Date;
  },
): AlertMessage | null {
  if (gaps.length === 0) return null;
  const { period, minCount } = input;
  const link = input.link;
  const topic = (id: string | null) => (id === null ? 'geen onderwerp' : input.topicLabel(id));
  const bullets: MessageBullet[] = gaps.map((gap) => {
    const before = `vorige week ${gap.previousCount}`;
    return gap.where === 'kcc'
      ? {
          text: `KCC: "${gap.question}" (${topic(gap.topic)}): ${plural(gap.count, 'vraag', 'vragen')}, ${before}`,
          link,
        }
      : {
          text: `Online: ${plural(gap.count, 'bericht', 'berichten')} over ${topic(gap.topic)}, ${before}`,
          link,
        };
  });
  const kcc = gaps.filter((gap) => gap.where === 'kcc');
  const online = gaps.filter((gap) => gap.where === 'online');
  return {
    version: 1,
    alertId: `report-faq_gaps-${period.key}`,
    event: 'opened',
    // Rides on the alert channels like the reports; receivers tell it apart by this kind.
    kind: 'report_faq_gaps' as AlertMessage['kind'],
    title: `Nieuwe vragen zonder FAQ, ${period.label}`,
    headline: `${plural(gaps.length, 'nieuwe groep', 'nieuwe groepen')} van ${minCount} of meer vragen waar geen FAQ antwoord op geeft`,
    baseline: null,
    facts: [
      { label: 'Bij het KCC', value: plural(kcc.length, 'groep', 'groepen') },
      { label: 'Online', value: plural(online.length, 'groep', 'groepen') },
    ],
    terms: [],
    examples: [],
    measure: null,
    link,
    linkLabel: 'Open Vragen zonder FAQ',
    bullets,
    at: input.at.toISOString(),
  };
}
