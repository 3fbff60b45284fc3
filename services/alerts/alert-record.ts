// An alert as the alerts module knows it: the alert, its events and its deliveries per channel, what opens one and
// how alerts are filtered. Defined here, in the domain; the alerts repository stores and reads them.
import type { AlertKind, AlertState } from './alert-kind.js';
import type { DeliveryState } from './delivery-state.js';

export interface AlertRecord {
  id: string;
  kind: AlertKind;
  ruleId: string;
  seriesKey: string;
  state: AlertState;
  title: string;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  lastTriggeredAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  score: number | null;
  observed: number | null;
  expected: number | null;
  details: Record<string, unknown>;
  version: number;
  /** Opened by posts that arrived after their bucket had been judged. */
  late: boolean;
}

export interface DeliveryRecord {
  id: string;
  eventId: string;
  channelId: string;
  channelKind: string;
  state: DeliveryState;
  attempts: number;
  notBefore: Date;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export interface EventRecord {
  id: string;
  alertId: string;
  type: 'opened' | 'updated' | 'resolved';
  at: Date;
  message: unknown;
}

export interface NewAlert {
  kind: AlertKind;
  ruleId: string;
  seriesKey: string;
  title: string;
  at: Date;
  score: number | null;
  observed: number | null;
  expected: number | null;
  details: Record<string, unknown>;
  /** Opened by late posts (default false). */
  late?: boolean;
}

export interface AlertFilter {
  fromMs: number;
  toMs: number;
  kind: AlertKind | null;
  state: AlertState | null;
  limit: number;
}
