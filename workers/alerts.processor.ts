// Detection and delivery jobs: thin calls into the alert services. New events are delivered right away.
import type { WorkerServices } from './worker-services.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';
import { TICK_BUCKET_BUDGET } from '../services/alerts/detection.service.js';

export async function detectTick(context: WorkerServices, _data: JobPayloads['detect.tick']) {
  // Bounded, so a cold start spreads its warm-up over several short ticks.
  const run = await context.detection.tick(new Date(), TICK_BUCKET_BUDGET);
  if (run.events > 0) await context.deliveries.deliverDue();
  return run;
}

export async function detectEarly(context: WorkerServices, _data: JobPayloads['detect.early']) {
  const run = await context.detection.early(new Date());
  // An alert opened before its bucket closed leaves the outbox now, not at the next delivery tick.
  if (run.opened > 0) await context.deliveries.deliverDue();
  return run;
}

export async function deliverDue(context: WorkerServices, _data: JobPayloads['notify.deliver']) {
  // Question notices share the delivery tick: overdue questions are escalated (once each), then the outbox is sent.
  const escalated = await context.questions.questions.escalateOverdue();
  const questionNotices = await context.questions.notices.deliverDue();
  // Stale-FAQ notices to owners share it too.
  const faqNotices = await context.faqs.notices.deliverDue();
  return {
    ...(await context.deliveries.deliverDue()),
    escalated: escalated.length,
    questionNotices,
    faqNotices,
  };
}
