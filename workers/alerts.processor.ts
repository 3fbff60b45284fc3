// Detection and delivery jobs: thin calls into the alert services. New events are delivered right away.
import type { AppContext } from '../services/app-context.js';
import type { JobPayloads } from '../services/jobs/catalogue.js';

export async function detectTick(context: AppContext, _data: JobPayloads['detect.tick']) {
  const run = await context.detection.tick();
  if (run.events > 0) await context.deliveries.deliverDue();
  return run;
}

export async function deliverDue(context: AppContext, _data: JobPayloads['notify.deliver']) {
  return context.deliveries.deliverDue();
}
