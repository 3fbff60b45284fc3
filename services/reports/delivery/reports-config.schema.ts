// The `reports:` section of the config file: when the weekly situation report, the daily digest and the weekly
// alert of new FAQ gaps are sent, and to which alert channels (ids under alerts.channels). Checked at start-up
// with the rest of the file.
import Type, { type Static } from 'typebox';
import { parseTimeOfDay, parseWeeklySchedule } from './report-schedule.js';

const ChannelIds = Type.Array(Type.String({ minLength: 1 }), { default: [] });

export const ReportsSection = Type.Object(
  {
    weekly: Type.Object(
      {
        /** A weekday and a local time: "monday 08:00" (English or Dutch day names). */
        schedule: Type.String({ minLength: 1, default: 'monday 08:00' }),
        channels: ChannelIds,
      },
      { additionalProperties: false, default: {} },
    ),
    daily_digest: Type.Object(
      {
        /** The local time of day the digest of the last 24 hours goes out: "08:30". */
        time: Type.String({ minLength: 1, default: '08:30' }),
        channels: ChannelIds,
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

/** What the schema cannot say: a schedule and a time that parse, and channels that exist, each naming its key. */
export function reportsProblems(reports: ReportsConfig, channelIds: ReadonlySet<string>): string[] {
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
  return problems;
}
