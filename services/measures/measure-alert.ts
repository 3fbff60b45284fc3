// A new or changed measure as a measure_change alert, raised in the transaction that stored its version.
import type { MeasureChange } from '../alerts/alert-message.js';
import type { TxRepositories } from '../repositories/unit-of-work.js';
import type { Measure } from './measure.js';
import { anchorMs, HOUR } from './measure-moments.js';
import {
  expectationText,
  measureAlertHeadline,
  measureAlertTitle,
  measureFacts,
  messageMeasure,
  type Expectation,
} from './measure-text.js';

/** Where measure changes become alerts; AlertsService.measureChanged fits it. */
export interface MeasureAlerts {
  measureChanged(input: MeasureChange, tx?: TxRepositories): Promise<unknown>;
}

export interface MeasureAlertDeps {
  alerts: MeasureAlerts;
  topicLabel: (id: string) => string;
  timezone: string;
  /** A dashboard link for the alert; null when no public URL is configured. */
  link: (fromMs: number, toMs: number) => string | null;
  now: () => Date;
}

export async function raiseMeasureChange(
  deps: MeasureAlertDeps,
  tx: TxRepositories,
  measure: Measure,
  isNew: boolean,
  changed: readonly string[],
  expectation: Expectation | null,
): Promise<void> {
  const at = anchorMs(measure, deps.timezone);
  await deps.alerts.measureChanged(
    {
      measureId: measure.id,
      version: measure.version,
      title: measureAlertTitle(measure, isNew),
      headline: measureAlertHeadline(measure, isNew, changed),
      facts: measureFacts(measure, deps.topicLabel, expectationText(expectation, deps.topicLabel)),
      measure: messageMeasure(measure),
      link: deps.link(at - 3 * 24 * HOUR, at + 4 * 24 * HOUR),
      at: deps.now(),
    },
    tx,
  );
}
