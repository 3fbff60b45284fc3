// The `reports:` section of the config file: when the weekly situation report, the daily digest and the weekly
// alert of new FAQ gaps are sent, and to which alert channels (ids under alerts.channels). Checked at start-up
// with the rest of the file.
import Type, { type Static } from 'typebox';
import { parseTimeOfDay, parseWeeklySchedule } from './report-schedule.js';

const ChannelIds = Type.Array(Type.String({ minLength: 1 }), { default: [] });
/** Who gets the report by e-mail: replaces the e-mail channels' `to` for this report; empty keeps the channel's. */
const Recipients = Type.Array(Type.String({ minLength: 1 }), { default: [] });
// One address, plainly: something@host.tld, no spaces, no display name (the SMTP server refuses the rest late).
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export const ReportsSection = Type.Object(
  {
    weekly: Type.Object(
      {
        /** A weekday and a local time: "monday 08:00" (English or Dutch day names). */
        schedule: Type.String({ minLength: 1, default: 'monday 08:00' }),
        channels: ChannelIds,
        recipients: Recipients,
      },
      { additionalProperties: false, default: {} },
    ),
    daily_digest: Type.Object(
      {
        /** The local time of day the digest of the last 24 hours goes out: "08:30". */
        time: Type.String({ minLength: 1, default: '08:30' }),
        channels: ChannelIds,
        recipients: Recipients,
      },
      { additionalProperties: false, default: {} },
    ),
    /** The weekly alert of new FAQ gaps (issue 16): clusters of the last week with at least `min_count` questions. */
    faq_gaps: Type.Object(
      {
        schedule: Type.String({ minLength: 1, default: 'monday 08:00' }),
        /** A gap is listed when its cluster has at least this many questions in the week and had fewer before. */
        min_count: Type.Integer({ minimum: 1, maximum: 100_000, default: 5 }),
        channels: ChannelIds,
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false, default: {} },
);

export type ReportsConfig = Static<typeof ReportsSection>;

/**
 * What the schema cannot say, each naming its key: a schedule and a time that parse, channels that exist, and
 * recipients that are e-mail addresses, named once, for a report that goes to an e-mail channel.
 */
export function reportsProblems(
  reports: ReportsConfig,
  channelIds: ReadonlySet<string>,
  emailChannelIds: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const schedule = parseWeeklySchedule(reports.weekly.schedule);
  if (typeof schedule === 'string') problems.push(`reports.weekly.schedule: ${schedule}`);
  if (parseTimeOfDay(reports.daily_digest.time) === null)
    problems.push(
      `reports.daily_digest.time: expected a local time HH:MM (00:00 to 23:59), got "${reports.daily_digest.time}"`,
    );
  const references = (path: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (!channelIds.has(id)) problems.push(`${path}[${i}]: no alert channel "${id}" under alerts.channels`);
      else if (seen.has(id)) problems.push(`${path}[${i}]: channel "${id}" is named twice`);
      seen.add(id);
    });
  };
  references('reports.weekly.channels', reports.weekly.channels);
  references('reports.daily_digest.channels', reports.daily_digest.channels);
  const gapsSchedule = parseWeeklySchedule(reports.faq_gaps.schedule);
  if (typeof gapsSchedule === 'string') problems.push(`reports.faq_gaps.schedule: ${gapsSchedule}`);
  references('reports.faq_gaps.channels', reports.faq_gaps.channels);
  const recipients = (
    path: string,
    report: { channels: readonly string[]; recipients: readonly string[] },
  ) => {
    const seen = new Set<string>();
    report.recipients.forEach((address, i) => {
      if (!EMAIL.test(address))
        problems.push(`${path}.recipients[${i}]: "${address}" is not an e-mail address (name@example.nl)`);
      else if (seen.has(address.toLowerCase()))
        problems.push(`${path}.recipients[${i}]: "${address}" is named twice`);
      seen.add(address.toLowerCase());
    });
    if (report.recipients.length > 0 && !report.channels.some((id) => emailChannelIds.has(id)))
      problems.push(
        `${path}.recipients: recipients are for e-mail, but none of ${path}.channels is an e-mail channel`,
      );
  };
  recipients('reports.weekly', reports.weekly);
  recipients('reports.daily_digest', reports.daily_digest);
  return problems;
}
