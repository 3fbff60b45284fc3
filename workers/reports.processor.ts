// Scheduled reports: one thin call; what is due, once, and the retries live in services/reports/delivery.
import type { AppContext } from '../services/app-context.js';

export async function reportsTick(context: AppContext) {
  return context.reportDeliveries.tick();
}
