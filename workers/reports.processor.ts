// Scheduled reports: one thin call; what is due, once, and the retries live in services/reports/delivery.
import type { WorkerServices } from './worker-services.js';

export async function reportsTick(context: WorkerServices) {
  return context.reportDeliveries.tick();
}
