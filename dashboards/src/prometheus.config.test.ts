import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BEHEER_UID } from './beheer.dashboard.js';
import { buildDashboards } from './dashboards.js';
import { repositoryRoot, ruleFile, toPlainJson } from './generated.files.js';
import { PROMETHEUS_UID } from './prometheus.js';

const root = repositoryRoot();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface ScrapeJob {
  job_name: string;
  metrics_path: string;
  authorization?: { type: string; credentials_file?: string; credentials?: string };
  dns_sd_configs: Array<{ names: string[]; type: string; port: number }>;
}
const scrape = parse(read('dashboards/prometheus/prometheus.yml')) as { scrape_configs: ScrapeJob[] };
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<
    string,
    { environment?: Record<string, string>; command?: string[]; volumes?: string[]; ports?: string[] }
  >;
};
const prometheus = compose.services.prometheus!;
const command = (prometheus.command ?? []).join(' ');

// The metric names services/metrics/metrics.ts defines, and those prom-client's default collectors add.
const defined = new Set(
  [...read('services/metrics/metrics.ts').matchAll(/name: '(onderstroom_\w+)'/g)].map((m) => m[1]),
);

type Json = Record<string, unknown>;
const beheer = toPlainJson(buildDashboards().find((d) => d.uid === BEHEER_UID)) as Json;
const panelExprs = (beheer.panels as Json[]).flatMap((panel) =>
  (panel.targets as Json[]).map((target) => ({ panel: String(panel.title), target })),
);
const ruleExprs = ruleFile(buildDashboards())
  .groups.flatMap((group) => group.rules)
  .flatMap((rule) =>
    rule.data.flatMap((query) => ('expr' in query.model ? [{ rule: rule.uid, expr: query.model.expr }] : [])),
  );

describe('the Prometheus scrape config', () => {
  it('scrapes each role on the port it serves /metrics on', () => {
    const ports = Object.fromEntries(
      scrape.scrape_configs.map((job) => [
        job.job_name,
        job.dns_sd_configs.map((sd) => `${sd.names.join()}:${sd.port}`),
      ]),
    );
    const api = compose.services.api!.environment!;
    const worker = compose.services.worker!.environment!;
    const scheduler = compose.services.scheduler!.environment!;
    expect(ports).toEqual({
      'onderstroom-api': [`api:${api.ONDERSTROOM_PORT}`],
      'onderstroom-worker': [`worker:${worker.ONDERSTROOM_METRICS_PORT}`],
      'onderstroom-scheduler': [`scheduler:${scheduler.ONDERSTROOM_METRICS_PORT}`],
    });
    for (const job of scrape.scrape_configs) expect(job.metrics_path).toBe('/metrics');
  });

  it('sends the token from a file the prometheus service writes from its environment, never inline', () => {
    for (const job of scrape.scrape_configs) {
      expect(job.authorization?.type).toBe('Bearer');
      expect(job.authorization?.credentials).toBeUndefined();
      expect(command).toContain(`> ${job.authorization?.credentials_file} `);
    }
    expect(read('dashboards/prometheus/prometheus.yml')).not.toMatch(/credentials:/);
    expect(prometheus.environment?.ONDERSTROOM_METRICS_TOKEN).toMatch(/^\$\{ONDERSTROOM_METRICS_TOKEN:\?/);
    expect(command).toContain('"$$ONDERSTROOM_METRICS_TOKEN"');
  });

  it('is mounted where Prometheus reads it, read-only, and Prometheus is reachable only from the host itself', () => {
    expect(prometheus.volumes).toContain(
      './dashboards/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    expect(command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    for (const port of prometheus.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
  });
});

describe('the Beheer dashboard and the health rules', () => {
  it('read only Prometheus, in every panel', () => {
    for (const panel of beheer.panels as Json[]) {
      expect((panel.datasource as Json).uid, String(panel.title)).toBe(PROMETHEUS_UID);
      expect((panel.targets as Json[]).length, String(panel.title)).toBeGreaterThan(0);
    }
    for (const { panel, target } of panelExprs) {
      expect((target.datasource as Json).uid, panel).toBe(PROMETHEUS_UID);
      expect(typeof target.expr, panel).toBe('string');
    }
  });

  it('use only metrics the service defines and jobs the scrape config has', () => {
    const jobs = new Set(scrape.scrape_configs.map((job) => job.job_name));
    const exprs = [
      ...panelExprs.map(({ panel, target }) => ({ where: panel, expr: String(target.expr) })),
      ...ruleExprs.map(({ rule, expr }) => ({ where: rule, expr })),
    ];
    expect(ruleExprs).toHaveLength(4);
    for (const { where, expr } of exprs) {
      for (const [name] of expr.matchAll(/onderstroom_\w+/g)) {
        expect(defined, `${where}: ${name}`).toContain(name.replace(/_(bucket|count|sum)$/, ''));
      }
      for (const [, job] of expr.matchAll(/job="([^"]+)"/g)) expect(jobs, `${where}: ${job}`).toContain(job);
      for (const [, pattern] of expr.matchAll(/job=~"([^"]+)"/g)) {
        expect(
          [...jobs].some((job) => new RegExp(`^${pattern}$`).test(job)),
          `${where}: ${pattern}`,
        ).toBe(true);
      }
    }
  });

  it('never use a label the metrics do not have for ids of mentions or people', () => {
    for (const { expr } of [
      ...panelExprs.map(({ target }) => ({ expr: String(target.expr) })),
      ...ruleExprs,
    ]) {
      expect(expr).not.toMatch(/mention_id|author|user|external_id/);
    }
  });
});
