// The reports module's factory: the weekly report (HTML, PDF) and the scheduled sends of it and of the daily
// digest. One printer for the page, the CLI and the schedule: it prints one document at a time.
import type { Channel } from '../alerts/channels/channel.js';
import type { EnvironmentAnalysisService } from '../analyses/environment-analysis.service.js';
import type { ReportsConfig } from './delivery/reports-config.schema.js';
import type { ReportsRepository } from '../repositories/reports.repository.js';
import type { SeriesService } from '../series/series.service.js';
import { ReportDeliveryService, type ReportDeliveryDeps } from './delivery/report-delivery.service.js';
import type { DashboardLink } from './delivery/report-messages.js';
import { createPdfPrinter } from './weekly/pdf-printer.js';
import { createWeeklyReportRenderer, WeeklyReport } from './weekly/weekly-report.renderer.js';

export interface ReportsModuleDeps {
  repository: ReportsRepository;
  analyses: Pick<EnvironmentAnalysisService, 'environment'>;
  series: Pick<SeriesService, 'total'>;
  channels: ReadonlyMap<string, Channel>;
  config: ReportsConfig;
  organisation: string;
  timeZone: string;
  /** ONDERSTROOM_WEB_URL: the report page's link in chat messages. */
  webUrl: string | null;
  dashboardLink: DashboardLink;
  /** The weekly alert of new FAQ gaps (sent on `reports.faq_gaps`' schedule): its message for a week. */
  faqGaps?: ReportDeliveryDeps['faqGaps'];
}

export interface ReportsModule {
  /** The weekly situation report: HTML and PDF of an ISO week. */
  weeklyReport: WeeklyReport;
  /** The weekly report and the daily digest on their schedule, once per period and channel (`reports.tick`). */
  deliveries: ReportDeliveryService;
}

export function createReportsModule(deps: ReportsModuleDeps): ReportsModule {
  const weekly = {
    analyses: deps.analyses,
    series: deps.series,
    print: createPdfPrinter(),
    organisation: deps.organisation,
    timeZone: deps.timeZone,
  };
  return {
    weeklyReport: new WeeklyReport(weekly),
    deliveries: new ReportDeliveryService({
      repository: deps.repository,
      channels: deps.channels,
      config: deps.config,
      timeZone: deps.timeZone,
      renderWeekly: createWeeklyReportRenderer(weekly),
      analyses: deps.analyses,
      webUrl: deps.webUrl,
      dashboardLink: deps.dashboardLink,
      faqGaps: deps.faqGaps,
    }),
  };
}
