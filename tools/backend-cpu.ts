// CPU time of PostgreSQL backends, read from /proc/<pid>/stat (utime + stime), for benchmarks that run beside a
// local server: one backend's own (`backendCpuMs`), or every backend of a database while a workload runs
// (`watchDatabaseBackends`, which samples pg_stat_activity because a pool's backends come and go).
import fs from 'node:fs';
import { pg } from '../services/db/pg-defaults.js';

// Linux reports process times in clock ticks; USER_HZ is 100 on every architecture Node runs on.
const TICK_MS = 10;

/** utime + stime of a process in ms, or null when it is gone or /proc is not ours to read (a remote server). */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields after its closing one are plain.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The CPU time of the backend serving this connection so far, in ms (null if the server is not local). */
export async function backendCpuMs(client: InstanceType<typeof pg.Client>): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return processCpuMs(rows[0]!.pid);
}

export interface BackendWatch {
  /** Stops sampling; the CPU ms of every backend of the database seen since the start, and how many there were. */
  stop(): Promise<{ cpuMs: number; backends: number } | null>;
}

/**
 * Samples the other client backends of the database `databaseUrl` names every `everyMs`, keeping each one's latest
 * CPU time, less what the backends already open at the start had used by then. `stop` takes one more sample, so
 * a workload whose pool is still open when it stops loses nothing; a backend that exits between two samples loses
 * at most its last interval.
 */
export async function watchDatabaseBackends(databaseUrl: string, everyMs = 100): Promise<BackendWatch> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const latest = new Map<number, number>();
  const before = new Map<number, number>();
  // The server's processes are readable when this connection's own backend is: a backend missing later has exited.
  const local = (await backendCpuMs(client)) !== null;
  let stopped = false;
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== null) latest.set(pid, ms);
    }
  };
  await sample();
  for (const [pid, ms] of latest) before.set(pid, ms);
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await sample();
      await client.end();
      if (!local) return null;
      let cpuMs = 0;
      for (const [pid, ms] of latest) cpuMs += ms - (before.get(pid) ?? 0);
      return { cpuMs, backends: latest.size };
    },
  };
}
