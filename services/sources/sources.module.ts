// The sources module's factory: polling the configured feeds, taking pushed mentions, and what an administrator
// sees per source. The pollers come in filled (the measures module registers its watchers into the registry).
import type { Logger } from 'pino';
import type { Metrics } from '../metrics/metrics.js';
import type { SourcesRepository } from '../repositories/sources.repository.js';
import type { PollerRegistry } from './poller.registry.js';
import { PollService, type PollIngest, type PublicationSink, type SourceAlerts } from './poll.service.js';
import { PushService } from './push.service.js';
import { SourceStatusService } from './source-status.js';
import type { SourceConfig } from './sources.schema.js';

export interface SourcesModuleDeps<P> {
  sources: SourcesRepository;
  /** The `sources:` of the config, each checked against its kind. */
  configured: readonly SourceConfig[];
  pollers: PollerRegistry<P>;
  ingest: PollIngest;
  /** Where the measure watchers' publications go. */
  publications: PublicationSink<P>;
  alerts: SourceAlerts;
  /** Consecutive failures after which a source_failure alert is raised. */
  alertAfter: number;
  secret: (name: string) => string | null;
  log: Logger;
  metrics: Metrics;
}

export interface SourcesModule<P> {
  polls: PollService<P>;
  push: PushService;
  /** What GET /api/v1/sources and `sources list` show per source. */
  status: SourceStatusService;
}

export function createSourcesModule<P>(deps: SourcesModuleDeps<P>): SourcesModule<P> {
  const polls = new PollService<P>({
    sources: deps.sources,
    pollers: deps.pollers,
    ingest: deps.ingest,
    publications: deps.publications,
    alerts: deps.alerts,
    configured: deps.configured,
    alertAfter: deps.alertAfter,
    secret: deps.secret,
    log: deps.log,
    metrics: deps.metrics,
  });
  return {
    polls,
    push: new PushService({ configured: deps.configured, sources: deps.sources, ingest: deps.ingest }),
    status: new SourceStatusService(deps.sources, deps.configured),
  };
}
