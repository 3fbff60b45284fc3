// The situation report of an ISO week or of any run of days (report-period.ts): the environment analysis of the
// period against the one before it, the figures per local day, the model (weekly-report-model.ts), its charts as SVG,
// the HTML of the eta template, and the PDF printed from that HTML. `createWeeklyReportRenderer` gives the WeeklyReportRenderer of report-types.ts.
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import type { EnvironmentAnalysisService } from '../../analyses/environment-analysis.service.js';
import { shareWilson } from '../../analyses/statistics.js';
import type { SeriesService } from '../../series/series.service.js';
import type { RenderedReport, ReportPeriod, WeeklyReportRenderer } from '../report-types.js';
import { startOfLocalDay } from '../../time/zoned-time.js';
import { chartSvg } from './weekly-report-charts.js';
import type { PdfPrinter } from './pdf-printer.js';
import { reportSpan } from './report-period.js';
import { buildWeeklyReportModel, type DailyFigures, type WeeklyReportModel } from './weekly-report-model.js';

// The templates are read from the source folder, like the web pages' (the build copies no templates).
const here = import.meta.dirname;
const templates = import.meta.filename.endsWith('.js')
  ? path.resolve(here, '../../../../services/reports/weekly/templates')
  : path.join(here, 'templates');

export interface WeeklyReportDeps {
  analyses: Pick<EnvironmentAnalysisService, 'environment'>;
  series: Pick<SeriesService, 'total'>;
  print: PdfPrinter;
  organisation: string;
  timeZone: string;
  now?: () => Date;
}

/** The report as HTML and as the model it was made from (for the CLI's --format html and for tests). */
export interface WeeklyReportHtml {
  model: WeeklyReportModel;
  html: string;
}

const ALL = 'all';

/** Who asked for the report: the access log names them with the read of the example posts. */
export interface ReportReader {
  apiKeyId: string | null;
  /** A web user's name, `key:<name>` for an API key, or `system:<what>` (the schedule, the CLI). */
  actor: string;
}

/** The scheduled delivery reads as the system, and the access log says so. */
export const SCHEDULE_READER: ReportReader = { apiKeyId: null, actor: 'system:schedule' };

export class WeeklyReport {
  private readonly eta = new Eta({ views: templates, autoEscape: true, cache: true });
  private readonly css = fs.readFileSync(path.join(templates, 'weekly-report.css'), 'utf8');

  constructor(private readonly deps: WeeklyReportDeps) {}

  private async daily(days: readonly string[]): Promise<DailyFigures[]> {
    const tz = this.deps.timeZone;
    return Promise.all(
      days.map(async (date) => {
        const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        const range = { fromMs: startOfLocalDay(date, tz), toMs: startOfLocalDay(next, tz) };
        const sums = await this.deps.series.total({ source: ALL, topic: ALL, range });
        return { date, volume: sums.n, negative: shareWilson('negative_share', sums) };
      }),
    );
  }

  /**
   * The report is read by analysts and coordinators: the example posts are shown, and the analysis logs their read
   * with the reader that asked: a web user by name, an API key by id and name, the schedule or the CLI as the system.
   */
  async html(period: ReportPeriod, reader: ReportReader): Promise<WeeklyReportHtml> {
    const tz = this.deps.timeZone;
    // An ISO week against the week before; any other run of days against as many days before it.
    const { current, comparison: before, wording } = reportSpan(period, tz);
    const iso = (ms: number) => new Date(ms).toISOString();
    const [document, days, comparisonDays] = await Promise.all([
      this.deps.analyses.environment(
        {
          from: iso(current.fromMs),
          to: iso(current.toMs),
          compare: `${iso(before.fromMs)},${iso(before.toMs)}`,
        },
        { apiKeyId: reader.apiKeyId, actor: reader.actor, mayReadText: true },
      ),
      this.daily(current.days),
      this.daily(before.days),
    ]);
    const model = buildWeeklyReportModel({
      organisation: this.deps.organisation,
      period: current,
      comparison: before,
      document,
      days,
      comparisonDays,
      generatedAt: (this.deps.now ?? (() => new Date()))(),
      timeZone: tz,
      wording,
    });
    const charts = [
      model.informatiebehoefte.chart,
      model.informatiebehoefte.withoutFaq.chart,
      model.informatiebehoefte.online.chart,
      model.betekenisgeving.volumeChart,
      model.betekenisgeving.negativeChart,
    ];
    const svgs: Record<string, string> = {};
    for (const chart of charts) if (!chart.empty) svgs[chart.id] = await chartSvg(chart);
    const html = this.eta.render('./weekly-report', { model, svgs, css: this.css });
    return { model, html };
  }

  async pdf(
    period: ReportPeriod,
    reader: ReportReader,
  ): Promise<RenderedReport & { model: WeeklyReportModel }> {
    const { model, html } = await this.html(period, reader);
    const pdf = await this.deps.print(html, {
      text: `${model.organisation} – situatierapport ${model.periodLabel}`,
    });
    return { pdf, filename: reportFilename(model.periodKey), summary: model.summary, model };
  }
}

/** `situatierapport-2021-W03.pdf`. */
export function reportFilename(key: string): string {
  return `situatierapport-${key}.pdf`;
}

/** The renderer the scheduled delivery uses (report-types.ts). */
export function createWeeklyReportRenderer(deps: WeeklyReportDeps): WeeklyReportRenderer {
  const report = new WeeklyReport(deps);
  return async (period) => {
    const { pdf, filename, summary } = await report.pdf(period, SCHEDULE_READER);
    return { pdf, filename, summary };
  };
}
