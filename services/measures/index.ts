// The measures module's factory: takes what it needs from the composition root and returns one service per job,
// so each caller gets the one it uses (the CLI the timeline, the API editing and effects, Grafana annotations,
// alerts the nearest measure, the poll service the sink).
import type { Db } from '../db/client.js';
import { MeasuresRepository } from '../repositories/measures.repository.js';
import type { Transactor } from '../repositories/unit-of-work.js';
import type { Measure } from './measure.js';
import type { MeasureClassifier } from './measure.classifier.js';
import type { MeasureAlerts } from './measure-alert.js';
import { MeasureAnnotations } from './measure-annotations.js';
import { MeasureEditingService } from './measure-editing.service.js';
import { MeasureEffectsService } from './measure-effects.service.js';
import { createMeasureLister, type ResolveTopic } from './measure-list.js';
import { createNearestMeasure, type NearestMeasure } from './measure-nearest.js';
import { MeasureSinkService } from './measure-sink.service.js';
import { MeasureTimelineService } from './measure-timeline.service.js';

export interface MeasuresModuleDeps {
  db: Db;
  unitOfWork: Transactor;
  classifier: MeasureClassifier;
  /** Maps a topic id or alias (ouderenzorg) to the taxonomy's id; null when unknown. */
  resolveTopic: ResolveTopic;
  topicLabel: (id: string) => string;
  /** The taxonomy's topic ids: the topics whose share of mentions an effect reports. */
  topicIds: readonly string[];
  timezone: string;
  alerts: MeasureAlerts;
  /** A dashboard link for the alert; null when no public URL is configured. */
  link: (fromMs: number, toMs: number) => string | null;
  now?: () => Date;
}

export interface MeasuresModule {
  /** Loading a timeline file. */
  timeline: MeasureTimelineService;
  /** Listing, reading, adding and editing by hand. */
  editing: MeasureEditingService;
  /** Before/after effects, their pattern, the expectation for an alert. */
  effects: MeasureEffectsService;
  /** Measures as dashboard annotations. */
  annotations: MeasureAnnotations;
  /** The measure a spike or drop alert names. */
  nearest: NearestMeasure;
  /** Where the watchers' polls store their publications. */
  sink: MeasureSinkService;
  /** The measures in force at some moment of a range (the latest `limit`), for the environment analysis. */
  inForce(range: { fromMs: number; toMs: number }, topic: string | null, limit: number): Promise<Measure[]>;
}

export function createMeasuresModule(deps: MeasuresModuleDeps): MeasuresModule {
  const now = deps.now ?? (() => new Date());
  const repository = new MeasuresRepository(deps.db);
  const measures = createMeasureLister(repository, deps.resolveTopic, deps.timezone);
  const effects = new MeasureEffectsService({
    repository,
    measures,
    resolveTopic: deps.resolveTopic,
    topicIds: deps.topicIds,
    timezone: deps.timezone,
    now,
  });
  const alert = {
    alerts: deps.alerts,
    topicLabel: deps.topicLabel,
    timezone: deps.timezone,
    link: deps.link,
    now,
  };
  return {
    timeline: new MeasureTimelineService(deps.unitOfWork, deps.resolveTopic),
    editing: new MeasureEditingService({
      repository,
      unitOfWork: deps.unitOfWork,
      measures,
      resolveTopic: deps.resolveTopic,
      effects,
      alert,
    }),
    effects,
    inForce: (range, topic, limit) =>
      repository.inForce({
        ...range,
        timezone: deps.timezone,
        topics: topic === null ? null : [topic],
        limit,
      }),
    annotations: new MeasureAnnotations(measures, deps.timezone, deps.topicLabel),
    nearest: createNearestMeasure(measures, deps.timezone),
    sink: new MeasureSinkService({
      repository,
      unitOfWork: deps.unitOfWork,
      classifier: deps.classifier,
      effects,
      alert,
    }),
  };
}
