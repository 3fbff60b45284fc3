// Every migration, in order. Names are date-prefixed; a new migration is a new file plus one line here.
import type { Migration } from 'kysely';
import * as foundation from './2026-11-28-01-foundation.js';
import * as alerts from './2026-11-28-02-alerts.js';
import * as sourcePolling from './2026-11-28-03-source-polling.js';
import * as measures from './2026-11-28-04-measures.js';
import * as sentimentLearning from './2026-11-28-05-sentiment-learning.js';
import * as questions from './2026-12-02-04-questions.js';
import * as users from './2026-12-02-03-users.js';
import * as schedulesAndCoverage from './2026-12-02-01-schedules-and-coverage.js';
import * as importHeartbeat from './2026-12-02-02-import-heartbeat.js';
import * as questionSpikeAlerts from './2026-12-02-05-question-spike-alerts.js';
import * as questionTeamFigures from './2026-12-02-07-question-team-figures.js';
import * as questionQueueIndexes from './2026-12-02-06-question-queue-indexes.js';
import * as faqs from './2026-12-02-09-faqs.js';
import * as importQueue from './2026-12-02-08-import-queue.js';
import * as importFileExpiry from './2026-12-04-12-import-file-expiry.js';
import * as importInterruptions from './2026-12-04-12-import-interruptions.js';
import * as questionAnsweredFaq from './2026-12-04-02-question-answered-faq.js';
import * as alertLate from './2026-12-04-01-alert-late.js';
import * as reportDeliveries from './2026-12-04-03-report-deliveries.js';
import * as questionFaqMatches from './2026-12-04-04-question-faq-matches.js';
import * as reportRenderFailures from './2026-12-04-16-report-render-failures.js';
import * as mentionFaqMatches from './2026-12-04-18-mention-faq-matches.js';
import * as faqGapsAlert from './2026-12-04-19-faq-gaps-alert.js';
import * as onlineQuestionIndexes from './2026-12-06-01-online-question-indexes.js';
import * as onlineGapConcepts from './2026-12-06-09-online-gap-concepts.js';

export const migrations: Record<string, Migration> = {
  '2026-11-28-01-foundation': foundation,
  '2026-11-28-02-alerts': alerts,
  '2026-11-28-03-source-polling': sourcePolling,
  '2026-11-28-04-measures': measures,
  '2026-11-28-05-sentiment-learning': sentimentLearning,
  '2026-12-02-04-questions': questions,
  '2026-12-02-03-users': users,
  '2026-12-02-01-schedules-and-coverage': schedulesAndCoverage,
  '2026-12-02-02-import-heartbeat': importHeartbeat,
  '2026-12-02-05-question-spike-alerts': questionSpikeAlerts,
  '2026-12-02-07-question-team-figures': questionTeamFigures,
  '2026-12-02-06-question-queue-indexes': questionQueueIndexes,
  '2026-12-02-09-faqs': faqs,
  '2026-12-02-08-import-queue': importQueue,
  '2026-12-04-02-question-answered-faq': questionAnsweredFaq,
  '2026-12-04-01-alert-late': alertLate,
  '2026-12-04-03-report-deliveries': reportDeliveries,
  '2026-12-04-04-question-faq-matches': questionFaqMatches,
  '2026-12-04-18-mention-faq-matches': mentionFaqMatches,
  '2026-12-04-19-faq-gaps-alert': faqGapsAlert,
  '2026-12-04-12-import-file-expiry': importFileExpiry,
  '2026-12-04-16-report-render-failures': reportRenderFailures,
  '2026-12-04-12-import-interruptions': importInterruptions,
  '2026-12-06-01-online-question-indexes': onlineQuestionIndexes,
  '2026-12-06-09-online-gap-concepts': onlineGapConcepts,
};
