// What each module's pages are handed (built in services/api/app.ts, passed by its *-pages.ts to its routes): the
// services and settings the routes call. Its own module, so the pages import their routes and the routes import
// only this, never the other way round.
import type { FaqGapsService } from '../faqs/faq-gaps.service.js';
import type { FaqsService } from '../faqs/faqs.service.js';
import type { ImportJobs, ImportQueueService } from '../ingest/import-queue.service.js';
import type { QuestionsService } from '../questions/questions.service.js';
import type { WeeklyReport } from '../reports/weekly/weekly-report.renderer.js';
import type { Team } from '../users/user.js';
import type { QuestionLabels } from './question-view.js';

export interface FaqGapPagesDeps {
  gaps: FaqGapsService;
  topics: readonly { id: string; label: string }[];
  timeZone: string;
  now?: () => Date;
}

export interface FaqPagesDeps {
  faqs: FaqsService;
  topics: readonly { id: string; label: string }[];
  teams: readonly Team[];
  /** The title of a measure, for the links; null when it is not in the timeline. */
  measureTitle: (id: string) => Promise<string | null>;
  timeZone: string;
}

export interface ImportPagesDeps {
  importQueue: ImportQueueService;
  /** Absent on a server started without queues: the page then says uploads are not possible. */
  importJobs: ImportJobs | undefined;
  timeZone: string;
}

/** Published FAQs by words, best first (the matcher), for answering a question with an FAQ. */
export type FaqSearch = (text: string) => Promise<{ id: string; question: string }[]>;

export interface QuestionPagesDeps {
  questions: QuestionsService;
  searchFaqs: FaqSearch;
  topics: readonly { id: string; label: string }[];
  labels: QuestionLabels;
}

export interface ReportPagesDeps {
  weeklyReport: Pick<WeeklyReport, 'html' | 'pdf'>;
  timeZone: string;
  now?: () => Date;
}
