// FAQs that a measure change may have made stale: in the transaction that stores the measure's new version (and
// raises its measure_change alert), every published FAQ linked to the measure, on one of its topics, or whose text
// names the measure's subject is flagged "mogelijk verouderd" with the change, and its owner gets a notice. The flag
// and the notice are written once per FAQ and measure version, however often the change is seen.
import type { AlertMessage, MeasureChange } from '../alerts/alert-message.js';
import { trimText } from '../alerts/alert-message.js';
import type { TxRepositories } from '../repositories/unit-of-work.js';
import type { StaleCandidate } from './faq.js';

// Words every measure title has; matching FAQs on them would flag nearly all of them.
const COMMON = new Set([
  'maatregel',
  'maatregelen',
  'corona',
  'coronavirus',
  'coronamaatregelen',
  'kabinet',
  'nieuwe',
  'nieuw',
  'regels',
  'vanaf',
  'verlengd',
  'versoepeling',
  'versoepelingen',
  'aanscherping',
  'persconferentie',
  'noodverordening',
  'landelijk',
  'landelijke',
  'regionaal',
  'regionale',
  'gemeente',
  'januari',
  'februari',
  'maart',
  'april',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
]);

/** The words of a measure's title that say what it is about (at least five letters, not the common ones). */
export function subjectTerms(title: string): string[] {
  const words = title
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 5 && !/^\d+$/.test(word) && !COMMON.has(word));
  return [...new Set(words)].slice(0, 12);
}

export interface FaqStaleDeps {
  /** The alert channels of a team's owner; the coordinator's when the FAQ has no owner or no team. */
  channelsOf: (team: string | null) => readonly string[];
  /** The FAQ's page, for the notice; null when the pages' address is not configured. */
  link: (faqId: string) => string | null;
  now: () => Date;
}

export function staleReason(change: MeasureChange): string {
  return `${change.title} (versie ${change.version}). ${change.headline}`;
}

export function staleMessage(
  faq: StaleCandidate,
  change: MeasureChange,
  link: string | null,
  at: Date,
): AlertMessage {
  return {
    version: 1,
    alertId: `faq-${faq.id}-${change.measureId}-${change.version}`,
    event: 'opened',
    // Like the question notices: AlertKind has no FAQ kind, so the webhook label is widened at this one place.
    kind: 'faq_stale' as AlertMessage['kind'],
    title: `FAQ mogelijk verouderd: ${trimText(faq.question, 120)}`,
    headline: `De maatregel is gewijzigd: ${change.title}. Controleer of het antwoord nog klopt.`,
    baseline: null,
    facts: [
      { label: 'FAQ', value: trimText(faq.question, 200) },
      {
        label: 'Maatregel',
        value: `${change.measure.title} (${change.measure.level}, ${change.measure.date})`,
      },
      { label: 'Wijziging', value: change.headline },
      ...(faq.ownerUserName ? [{ label: 'Eigenaar', value: faq.ownerUserName }] : []),
    ],
    terms: [],
    examples: [],
    measure: change.measure,
    link,
    at: at.toISOString(),
  };
}

export class FaqStaleService {
  constructor(private readonly deps: FaqStaleDeps) {}

  /** Runs in the measure's transaction: flags its FAQs and queues their owners' notices. */
  async measureChanged(
    change: MeasureChange,
    tx: TxRepositories,
  ): Promise<{ flagged: number; notices: number }> {
    const measure = await tx.measures.get(change.measureId);
    if (measure === null) return { flagged: 0, notices: 0 };
    const candidates = await tx.faqs.staleCandidates(
      measure.id,
      change.version,
      measure.topics,
      subjectTerms(measure.title),
    );
    const fresh = candidates.filter((faq) => !faq.alreadyFlagged);
    const at = this.deps.now();
    await tx.faqs.flagStale(
      fresh.map((faq) => faq.id),
      staleReason(change),
      measure.id,
      change.version,
      at,
    );
    const notices = fresh.flatMap((faq) =>
      this.deps.channelsOf(faq.ownerTeam ?? faq.ownerUserTeam).map((channelId) => ({
        faqId: faq.id,
        measureId: measure.id,
        measureVersion: change.version,
        channelId,
        message: staleMessage(faq, change, this.deps.link(faq.id), at),
      })),
    );
    return { flagged: fresh.length, notices: await tx.faqs.queueNotices(notices, at) };
  }
}
