// One scoring worker of the pool (enrichment-pool.ts): builds the enricher once from the taxonomy and model it is
// started with, then scores whole batches, in order, until it is ended. Carriers stay here: rows do not store them.
import { parentPort, workerData } from 'node:worker_threads';
import { createEnricher } from './enricher.js';
import type { FromWorker, ScoredText, ToWorker, WorkerSetup } from './enrichment-pool.js';

const port = parentPort;
if (port === null) throw new Error('enrichment.worker.js runs only as a worker thread of the scoring pool');
const setup = workerData as WorkerSetup;
const enricher = createEnricher({ taxonomy: setup.taxonomy, dutchModel: setup.dutchModel });

port.on('message', (message: ToWorker) => {
  if (message.kind === 'model') {
    enricher.useDutchModel(message.model);
    return;
  }
  let reply: FromWorker;
  try {
    const results: ScoredText[] = message.requests.map((request) => {
      const scored = enricher.enrich(request.text, { language: request.language, title: request.title });
      const { score, label, confidence, model } = scored.sentiment;
      return {
        language: scored.language,
        sentiment: { score, label, confidence, model },
        topics: scored.topics,
      };
    });
    reply = { kind: 'scored', id: message.id, results };
  } catch (error) {
    reply = {
      kind: 'failed',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(reply);
});
