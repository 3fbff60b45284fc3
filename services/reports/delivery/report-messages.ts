// The Dutch messages of scheduled reports, built once when the report is stored (so every retry says the same):
// the weekly report's summary with a link to its page, and the daily digest of the last 24 hours from the
// environment analysis of that day against the day before. Pure: the links come in as functions.
import type { EnvironmentDocument } from '../../analyses/environment-document.js';
import { count, percent, type AlertMessage, type MessageBullet } from '../../alerts/alert-message.js';
import type { ReportPeriod } from '../report-types.js';

/** A Grafana dashboard (by uid) over a range, or null when no Grafana URL is configured. */
export type DashboardLink = (dashboard: string, fromMs: number, toMs: number) => string | null;

// Below this many posts on both days a change in volume is noise, not news.
const MIN_VOLUME = 20;
// A topic's volume that grew to 1.5 times (or fell to two thirds) counts as a change.
const VOLUME_RATIO = 1.5;
const NOTABLE = 3;

function message(
  kind: 'weekly' | 'daily_digest',
  period: ReportPeriod,
  fields: Pick<AlertMessage, 'title' | 'headline' | 'facts' | 'link'> & {
    bullets: MessageBullet[];
    linkLabel?: string;
  },
  at: Date,
): AlertMessage {
  return {
    version: 1,
    alertId: `report-${kind}-${period.key}`,
    event: 'opened',
    // Reports ride on the alert channels like the question notices do; receivers tell them apart by this kind.
    kind: `report_${kind}` as AlertMessage['kind'],
    baseline: null,
    terms: [],
    examples: [],
    measure: null,
    at: at.toISOString(),
    ...fields,
  };
}

/** `https://onderstroom.example.nl/rapportage/bekijken?week=2021-W03`, or null without ONDERSTROOM_WEB_URL. */
export function reportPageUrl(webUrl: string | null, weekKey: string): string | null {
  if (webUrl === null) return null;
  // The page that shows one week's report (services/web, report.routes.ts); /rapportage itself is the form.
  const url = new URL('rapportage/bekijken', webUrl.endsWith('/') ? webUrl : `${webUrl}/`);
  url.searchParams.set('week', weekKey);
  return url.toString();
}

/** The weekly report's message: the summary bullets in the body; chat channels get the report page's link. */
export function weeklyMessage(
  period: ReportPeriod,
  summary: readonly string[],
  webUrl: string | null,
  at: Date,
): AlertMessage {
  return message(
    'weekly',
    period,
    {
      title: `Situatierapport ${period.label}`,
      headline: 'Wat speelt er',
      facts: [],
      bullets: summary.map((text) => ({ text, link: null })),
      link: reportPageUrl(webUrl, period.key),
      linkLabel: 'Open het situatierapport',
    },
    at,
  );
}

interface Candidate {
  text: string;
  link: string | null;
  /** Larger is more notable; significant share changes rank above every volume change. */
  weight: number;
}

/** The three most notable changes against the day before: significant shifts in negative share, then volume. */
export function notableChanges(
  document: EnvironmentDocument,
  period: ReportPeriod,
  link: DashboardLink,
): MessageBullet[] {
  const overview = link('onderstroom-overzicht', period.fromMs, period.toMs);
  const shares: Candidate[] = document.betekenisgeving.significant_changes.map((change) => ({
    text:
      `${change.label}: ${percent(change.share)} negatief (de dag ervoor ${percent(change.comparison_share)}, ` +
      `p = ${change.p_adjusted.toPrecision(2)} na correctie)`,
    link: overview,
    weight: 1000 - change.p_adjusted,
  }));
  const volumes: Candidate[] = document.betekenisgeving.per_topic.flatMap((topic) => {
    const now = topic.volume;
    const before = topic.comparison.volume;
    if (Math.max(now, before) < MIN_VOLUME) return [];
    const ratio = (now + 1) / (before + 1);
    if (ratio < VOLUME_RATIO && ratio > 1 / VOLUME_RATIO) return [];
    return [
      {
        text: `${topic.label}: ${count(now)} berichten (de dag ervoor ${count(before)})`,
        link: overview,
        weight: Math.abs(Math.log(ratio)),
      },
    ];
  });
  return [...shares, ...volumes]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, NOTABLE)
    .map(({ text, link: url }) => ({ text, link: url }));
}

/** The digest's points, in Dutch: notable changes, open alerts, new measures, question volume; each with a link. */
export function digestBullets(
  document: EnvironmentDocument,
  period: ReportPeriod,
  link: DashboardLink,
): MessageBullet[] {
  const changes = notableChanges(document, period, link);
  const bullets: MessageBullet[] =
    changes.length > 0
      ? changes.map((change) => ({ ...change, text: `Opvallend: ${change.text}` }))
      : [
          {
            text: 'Opvallend: geen duidelijke veranderingen ten opzichte van de dag ervoor',
            link: link('onderstroom-overzicht', period.fromMs, period.toMs),
          },
        ];
  const open = document.signalen.alerts.filter((alert) => alert.state === 'open');
  bullets.push({
    text:
      open.length === 0
        ? 'Open signalen: geen'
        : `Open signalen: ${count(open.length)} (${open
            .slice(0, 3)
            .map((alert) => alert.title)
            .join('; ')}${open.length > 3 ? '; …' : ''})`,
    link: link('onderstroom-overzicht', period.fromMs, period.toMs),
  });
  const changed = new Set(document.handelingsperspectief.changed_in_period);
  const measures = document.handelingsperspectief.in_force.filter((measure) => changed.has(measure.id));
  bullets.push({
    text:
      measures.length === 0
        ? 'Nieuwe of gewijzigde maatregelen: geen'
        : `Nieuwe of gewijzigde maatregelen: ${measures
            .slice(0, 3)
            .map((measure) => `${measure.title} (${measure.level})`)
            .join('; ')}${measures.length > 3 ? '; …' : ''}`,
    link: link('onderstroom-maatregelen', period.fromMs, period.toMs),
  });
  const questions = document.informatiebehoefte;
  bullets.push({
    text: `Vragen bij het KCC: ${count(questions.questions)} (de dag ervoor ${count(questions.comparison_questions)})`,
    link: link('onderstroom-vragen', period.fromMs, period.toMs),
  });
  return bullets;
}

/** The daily digest's message and its points as plain sentences (stored as the document's text). */
export function digestMessage(
  document: EnvironmentDocument,
  period: ReportPeriod,
  link: DashboardLink,
  at: Date,
): { message: AlertMessage; summary: string[] } {
  const bullets = digestBullets(document, period, link);
  const sentiment = document.betekenisgeving;
  const headline = document.has_data
    ? `${count(sentiment.volume)} berichten, ${sentiment.negative.share === null ? 'geen' : percent(sentiment.negative.share)} negatief (de dag ervoor ${count(sentiment.comparison.volume)} berichten)`
    : 'Geen berichten of vragen in deze 24 uur: er is niets om over te melden.';
  return {
    message: message(
      'daily_digest',
      period,
      {
        title: `Dagoverzicht ${period.label}`,
        headline,
        facts: [],
        bullets,
        link: link('onderstroom-overzicht', period.fromMs, period.toMs),
      },
      at,
    ),
    summary: [headline, ...bullets.map((bullet) => bullet.text)],
  };
}
