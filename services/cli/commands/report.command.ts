// onderstroom report weekly [--week 2021-W03] [--format pdf|html] [--out file]: the weekly situation report of an
// ISO week, written to a file (by default situatierapport-<week>.pdf in the current folder).
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { withContext } from '../context.js';
import { printJson, printLines } from '../output.js';

interface WeeklyOptions {
  week?: string;
  format: string;
  out?: string;
  json?: boolean;
}

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('reports for the crisis team');
  report
    .command('weekly')
    .description('the weekly situation report of an ISO week (Monday to Monday local time) as PDF or HTML')
    .option('--week <week>', 'ISO week, e.g. 2021-W03 (default: the last complete week)')
    .option('--format <format>', 'pdf or html', 'pdf')
    .option('--out <file>', 'where to write it (default: situatierapport-<week>.<format> here)')
    .option('--json', 'print one JSON object: file, week, bytes and the summary')
    .action(async (options: WeeklyOptions) => {
      if (options.format !== 'pdf' && options.format !== 'html')
        throw new Error(`--format: expected pdf or html, got "${options.format}"`);
      const format = options.format;
      // Checked before the database is opened: a wrong week costs nothing.
      const { parseIsoWeek, lastCompleteWeek, weekPeriod } =
        await import('../../reports/weekly/report-week.js');
      let asked: ReturnType<typeof parseIsoWeek> | null = null;
      if (options.week !== undefined) {
        try {
          asked = parseIsoWeek(options.week);
        } catch (error) {
          throw new Error(`--${(error as Error).message}`, { cause: error });
        }
      }
      const result = await withContext(async (context) => {
        const tz = context.config.timezone;
        const period = weekPeriod(asked ?? lastCompleteWeek(Date.now(), tz), tz);
        const file = path.resolve(options.out ?? `situatierapport-${period.key}.${format}`);
        if (format === 'html') {
          const { model, html } = await context.weeklyReport.html(period);
          fs.writeFileSync(file, html);
          return {
            file,
            week: period.key,
            label: period.label,
            bytes: Buffer.byteLength(html),
            summary: model.summary,
          };
        }
        const rendered = await context.weeklyReport.pdf(period);
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
