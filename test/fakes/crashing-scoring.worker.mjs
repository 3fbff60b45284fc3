// A scoring worker (dist/services/nlp/enrichment.worker.js) that crashes once: on its `after`-th batch, if the file
// `marker` does not exist yet, it creates it and throws before scoring, so the pool sees a worker die while it holds
// batches. Plain JavaScript: worker threads cannot run the TypeScript sources. A test writes a two-line worker
// script that calls crashOnce with its own settings (Worker drops a script URL's query string).
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';

export async function crashOnce({ after, marker }) {
  if (!Number.isInteger(after) || after < 1 || typeof marker !== 'string') {
    throw new Error('crashOnce needs { after: a whole number above 0, marker: a file path }');
  }
  let batches = 0;
  // The real worker's message listener is wrapped as it registers: the throw comes before the batch is scored.
  const on = parentPort.on.bind(parentPort);
  parentPort.on = (event, listener) =>
    on(event, (message) => {
      if (event === 'message' && message.kind === 'score' && ++batches === after && !fs.existsSync(marker)) {
        fs.writeFileSync(marker, 'crashed');
        throw new Error(`scoring worker crashed on purpose at its batch ${after}`);
      }
      listener(message);
    });
  await import(new URL('../../dist/services/nlp/enrichment.worker.js', import.meta.url).href);
}
