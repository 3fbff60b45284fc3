// Concurrent HTTP load for the API benchmarks: `connections` keep-alive connections, each sending its next request as
// soon as the previous answer has been read, until `requests` have been answered in all. It runs on a worker thread
// of its own, as Grafana runs in a process of its own: the client's work does not queue behind the server's event
// loop in the benchmark's process (it still takes CPU of the same machine). Bodies are read and dropped.
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** Requests in all, spread over the connections. */
  requests: number;
}

export interface LoadResult {
  /** Each answered request's time from sending to the last byte of its body, ascending. */
  latenciesMs: number[];
  /** From the first request sent to the last answer read. */
  seconds: number;
}

interface WorkerInput {
  httpLoad: LoadPlan;
}

function get(agent: http.Agent, plan: LoadPlan): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(plan.url, { agent, headers: plan.headers }, (response) => {
      response.on('data', () => {});
      response.on('error', reject);
      response.on('end', () => {
        if (response.statusCode !== 200)
          reject(new Error(`${plan.url} answered ${response.statusCode} under load`));
        else resolve(performance.now() - started);
      });
    });
    request.on('error', reject);
  });
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const connection = async () => {
    while (next < plan.requests) {
      next += 1;
      latencies.push(await get(agent, plan));
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.connections }, connection));
  } finally {
    agent.destroy();
  }
  return { latenciesMs: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/** Runs `plan` on a new worker thread and returns every latency. */
export function httpLoad(plan: LoadPlan): Promise<LoadResult> {
  if (!Number.isInteger(plan.connections) || plan.connections < 1 || plan.requests < plan.connections)
    throw new Error(`load plan: ${plan.connections} connections and ${plan.requests} requests`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { httpLoad: plan } satisfies WorkerInput,
    });
    let result: LoadResult | undefined;
    worker.once('message', (message: LoadResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the load thread stopped (exit code ${code}) without a result`));
    });
  });
}

const input = isMainThread ? undefined : (workerData as Partial<WorkerInput> | undefined);
if (input?.httpLoad) {
  const result = await run(input.httpLoad);
  parentPort!.postMessage(result);
}
