// The nlp module's factory. The scorer's code and tables (lexicon, learned model, wink's English model, topic tries)
// take about 90 MB, which a process that never scores text (the API role answering reads) should not pay: the code
// is imported and everything that scores is built on the first call of load(), once, and put on the deployment's
// active model before it is used.
import type { Logger } from 'pino';
import type { MentionSentimentRepository } from '../repositories/mention-sentiment.repository.js';
import type { SentimentModelsRepository } from '../repositories/sentiment-models.repository.js';
import type { Enricher } from './enricher.js';
import { createEnrichmentPool, type EnrichmentPool } from './enrichment-pool.js';
import { createModelRefresher } from './model/model-refresh.js';
import type { SentimentModelService } from './model/sentiment-model.service.js';
import type { RescoreService } from './rescore.service.js';
import { SentimentCorrectionsService } from './sentiment-corrections.service.js';
import type { Taxonomy } from './taxonomy.js';

export interface NlpModuleDeps {
  taxonomy: Taxonomy;
  sentimentModels: SentimentModelsRepository;
  mentionSentiment: MentionSentimentRepository;
  log: Pick<Logger, 'warn'>;
  /**
   * Threads an import uses (ONDERSTROOM_SCORING_THREADS): 1 scores in this thread; N > 1 starts N - 1 scoring
   * workers beside this thread, which then parses and stores.
   */
  scoringThreads: number;
}

/** What scores text, on the active model. */
export interface Scoring {
  enricher: Enricher;
  /** Learned Dutch sentiment: train, status, activate; keeps `enricher` on the active model. */
  sentimentModels: SentimentModelService;
  rescore: RescoreService;
}

export interface NlpModule {
  /**
   * The first call builds the enricher and loads the active sentiment model from Postgres; every call after
   * that checks for a newly activated model at most once a minute (the swap applies from the next call on).
   */
  load(): Promise<Scoring>;
  /** What load() gave, or null before it has finished once. */
  loaded(): Scoring | null;
  /**
   * The scoring workers (enrichment-pool.ts, scoringThreads - 1 of them), started on the first call after load(),
   * on the same taxonomy and following the enricher's model; null when scoringThreads is 1.
   */
  scoringPool(): Promise<EnrichmentPool | null>;
  /** Ends the scoring workers (at the end of a command, on SIGTERM). */
  close(): Promise<void>;
  /** Analysts' corrections need no scorer. */
  sentimentCorrections: SentimentCorrectionsService;
}

export function createNlpModule(deps: NlpModuleDeps): NlpModule {
  let built: Promise<{ scoring: Scoring; poke(): void }> | null = null;
  let done: Scoring | null = null;
  let pool: EnrichmentPool | null = null;
  let poolClosed = false;
  const build = async () => {
    const [{ createEnricher }, { SentimentModelService }, { RescoreService }] = await Promise.all([
      import('./enricher.js'),
      import('./model/sentiment-model.service.js'),
      import('./rescore.service.js'),
    ]);
    const enricher = createEnricher({ taxonomy: deps.taxonomy });
    const sentimentModels = new SentimentModelService(deps.sentimentModels, deps.mentionSentiment, enricher);
    const refresher = createModelRefresher(
      () => sentimentModels.refresh(),
      (error) =>
        deps.log.warn({ err: error }, 'could not check the active sentiment model; keeping the one in use'),
    );
    await refresher.check().catch((error: unknown) => {
      deps.log.warn(
        { err: error },
        'could not load the active sentiment model; scoring with the shipped one',
      );
    });
    const scoring: Scoring = {
      enricher,
      sentimentModels,
      rescore: new RescoreService(deps.mentionSentiment, enricher),
    };
    done = scoring;
    return { scoring, poke: () => refresher.poke() };
  };
  const load = async () => {
    const first = built === null;
    built ??= build();
    const ready = await built;
    if (!first) ready.poke();
    return ready.scoring;
  };
  return {
    load,
    loaded: () => done,
    async scoringPool() {
      if (deps.scoringThreads <= 1) return null;
      // Through load(): the workers start on the active model, and every batch pokes the model check.
      const { enricher } = await load();
      if (poolClosed) throw new Error('the scoring workers were shut down');
      pool ??= createEnrichmentPool({
        size: deps.scoringThreads - 1,
        taxonomy: deps.taxonomy,
        model: () => ({ version: enricher.versions.sentiment_nl, model: enricher.dutchModel() }),
      });
      return pool;
    },
    async close() {
      poolClosed = true;
      await pool?.close();
    },
    sentimentCorrections: new SentimentCorrectionsService(deps.mentionSentiment),
  };
}
