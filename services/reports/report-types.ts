// What the scheduled deliveries need from a rendered report, and nothing more: the weekly report's renderer
// (services/reports/weekly) produces it, the delivery of reports by e-mail and channel (services/reports/delivery)
// sends it. Kept apart so that neither depends on the other's internals. Also the kinds of scheduled report and a
// delivery claimed from the outbox, which the reports repository stores and reads.

/** A report period: [fromMs, toMs) and how a reader names it ("week 2021-W03", "3 januari 2021"). */
export interface ReportPeriod {
  fromMs: number;
  toMs: number;
  /** Stable key of the period, the same on every run: `2021-W03` for an ISO week, `<from>_<to>` (ISO dates) otherwise. */
  key: string;
  /** Dutch label for subjects and titles, e.g. "week 3 (18 t/m 24 januari 2021)". */
  label: string;
}

/** A weekly report rendered for sending: the PDF, its file name, and the summary bullets ("Wat speelt er"). */
export interface RenderedReport {
  pdf: Buffer;
  filename: string;
  /** The report's one-page summary as plain Dutch sentences, each with its number, for the body of the e-mail. */
  summary: string[];
}

/** Renders the weekly situation report of a period to PDF. */
export type WeeklyReportRenderer = (period: ReportPeriod) => Promise<RenderedReport>;

/** What a scheduled send holds: the weekly report, the daily digest or the FAQ gaps alert. */
export type ReportKind = 'weekly' | 'daily_digest' | 'faq_gaps';
/** The kinds that are rendered (the FAQ gaps alert is a message, never rendered), so only they can fail to render. */
export type RenderedReportKind = Exclude<ReportKind, 'faq_gaps'>;

export interface ClaimedReportDelivery {
  id: string;
  kind: ReportKind;
  periodKey: string;
  channelId: string;
  attempts: number;
  createdAt: Date;
  message: unknown;
  pdf: Buffer | null;
  filename: string | null;
}
