// onderstroom report weekly [--week 2021-W03 | --from <date> --to <date>] [--format pdf|html] [--out file]: the
// situation report of an ISO week or of a run of local days, written to a file (by default
// situatierapport-<week or from_to>.pdf in the current folder).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../context.js';
import { printJson, printLines } from '../output.js';
import type { ReportReader } from '../../reports/weekly/weekly-report.renderer.js';

/** The CLI is run by whoever has the server: the access log names it as the system. */
const CLI_READER: ReportReader = { apiKeyId: null, actor: 'system:cli' };

interface WeeklyOptions {
  week?: string;
  from?: string;
  to?: string;
  format: string;
  out?: string;
  json?: boolean;
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports for the crisis team');
  report
    .command('weekly')
    .description(
      'the situation report of an ISO week (Monday to Monday local time) or of --from/--to, as PDF or HTML',
    )
    .option('--week <week>', 'ISO week, e.g. 2021-W03 (default: the last complete week)')
    .option('--from <date>', 'first day of a period (YYYY-MM-DD, local), instead of --week; needs --to')
    .option('--to <date>', 'the day after the period (exclusive, YYYY-MM-DD), at most 366 days after --from')
    .option('--format <format>', 'pdf or html', 'pdf')
    .option('--out <file>', 'where to write it (default: situatierapport-<week>.<format> here)')
    .option('--json', 'print one JSON object: file, week, bytes and the summary')
    .action(async (options: WeeklyOptions) => {
      if (options.format !== 'pdf' && options.format !== 'html')
        throw new Error(`--format: expected pdf or html, got "${options.format}"`);
      const format = options.format;
      // Checked before the database is opened: a wrong week or period costs nothing (the zone only moves the
      // instants, so the check runs in UTC and the period is made again in the configured zone below).
      const { lastCompleteWeek, weekPeriod } = await import('../../reports/weekly/report-week.js');
      const { askedReportPeriod } = await import('../../reports/weekly/report-period.js');
      const asked = { week: options.week, from: options.from, to: options.to };
      try {
        askedReportPeriod(asked, 'UTC');
      } catch (error) {
        // The checks name the parameter (`week: ...`, `to: ...`); here it is an option.
        throw new Error(`--${(error as Error).message}`, { cause: error });
      }
      const result = await withContext(async (context) => {
        const tz = context.config.timezone;
        const period = askedReportPeriod(asked, tz) ?? weekPeriod(lastCompleteWeek(Date.now(), tz), tz);
        const file = path.resolve(options.out ?? `situatierapport-${period.key}.${format}`);
        if (format === 'html') {
          const { model, html } = await context.weeklyReport.html(period, CLI_READER);
          fs.writeFileSync(file, html);
          return {
            file,
            week: period.key,
            period: { from: new Date(period.fromMs).toISOString(), to: new Date(period.toMs).toISOString() },
            label: period.label,
            bytes: Buffer.byteLength(html),
            summary: model.summary,
          };
        }
        const rendered = await context.weeklyReport.pdf(period, CLI_READER);
        fs.writeFileSync(file, rendered.pdf);
        return {
          file,
          week: period.key,
          label: period.label,
          bytes: rendered.pdf.length,
          summary: rendered.summary,
        };
      });
      if (options.json) {
        printJson(result);
        return;
      }
      printLines([
        `Wrote the situation report of ${result.label} to ${result.file} (${result.bytes} bytes).`,
        'Wat speelt er:',
        ...result.summary.map((sentence) => `- ${sentence}`),
      ]);
    });
}
