import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repositoryRoot } from './generated.files.js';

const root = repositoryRoot();
const composeText = fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const envExample = fs.readFileSync(path.join(root, '.env.example'), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (found === undefined) throw new Error(`no service ${name}`);
  return found;
};

// `${NAME}`, `${NAME:-default}`, `${NAME:?message}` outside comments; `$$` would be a literal dollar.
const withoutComments = composeText
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');
const composeVariables = new Set(
  [...withoutComments.replaceAll('$$', '').matchAll(/\$\{(\w+)(?::?[-?][^}]*)?\}/g)].map((m) => m[1]!),
);
const exampleVariables = new Set(
  envExample
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

describe('docker-compose.yml', () => {
  it('runs postgres, redis, the three Onderstroom roles, Grafana and Prometheus', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'grafana',
      'postgres',
      'prometheus',
      'redis',
      'scheduler',
      'worker',
    ]);
    expect(service('api').command).toEqual(['start', '--role', 'api']);
    expect(service('worker').command).toEqual(['start', '--role', 'worker']);
    expect(service('scheduler').command).toEqual(['start', '--role', 'scheduler']);
  });

  it('pins every image to a version', () => {
    for (const [name, s] of Object.entries(services)) {
      // The locally built image may take its tag from the environment, with a default.
      expect(s.image, name).toMatch(/^[\w./-]+:(?:[\w.-]+|\$\{\w+:-[\w.-]+\})$/);
      expect(s.image, name).not.toMatch(/:latest$/);
    }
    expect(service('postgres').image).toMatch(/^postgres:16/);
    expect(service('redis').image).toMatch(/^redis:7/);
  });

  it('starts each service only after what it needs is healthy; api (which migrates) before worker and scheduler', () => {
    const needs = (name: string) =>
      Object.entries(service(name).depends_on ?? {}).map(([dep, { condition }]) => `${dep}:${condition}`);
    expect(needs('api').sort()).toEqual(['postgres:service_healthy', 'redis:service_healthy']);
    expect(needs('worker')).toContain('api:service_healthy');
    expect(needs('scheduler')).toContain('api:service_healthy');
    expect(needs('grafana')).toContain('api:service_healthy');
    for (const name of new Set(Object.values(services).flatMap((s) => Object.keys(s.depends_on ?? {})))) {
      expect(service(name).healthcheck, `${name} is waited for but has no healthcheck`).toBeDefined();
    }
    expect(service('api').healthcheck?.test.join(' ')).toContain('/health');
  });

  it('keeps queued work in Redis: noeviction and an append-only file', () => {
    const command = service('redis').command?.join(' ') ?? '';
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it('keeps state in named volumes and mounts provisioning read-only', () => {
    const named = Object.values(services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]!)
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const volume of named) expect(Object.keys(compose.volumes), volume).toContain(volume);
    for (const bind of (service('grafana').volumes ?? []).filter((v) => v.startsWith('.'))) {
      expect(bind, bind).toMatch(/:ro$/);
    }
  });

  it('gives the roles the environment the application reads, and the secrets the example config names', () => {
    const secrets = [
      'BLUESKY_APP_PASSWORD',
      'BLUESKY_HANDLE',
      'ONDERSTROOM_SMTP_URL',
      'ONDERSTROOM_TEAMS_WEBHOOK_URL',
      'ONDERSTROOM_WEBHOOK_SECRET',
      'ONDERSTROOM_WEBHOOK_URL',
      'REDDIT_CLIENT_ID',
      'REDDIT_CLIENT_SECRET',
      'X_BEARER_TOKEN',
    ];
    for (const role of ['api', 'worker', 'scheduler']) {
      expect(Object.keys(service(role).environment ?? {}).sort(), role).toEqual(
        [
          'DATABASE_URL',
          'LOG_LEVEL',
          'ONDERSTROOM_CONFIG',
          'ONDERSTROOM_DATA_DIR',
          'ONDERSTROOM_HOST',
          'ONDERSTROOM_METRICS_PORT',
          'ONDERSTROOM_METRICS_TOKEN',
          'ONDERSTROOM_PORT',
          'ONDERSTROOM_PSEUDONYM_KEY',
          'ONDERSTROOM_PUBLIC_URL',
          'ONDERSTROOM_WEB_URL',
          'REDIS_URL',
          ...secrets,
        ].sort(),
      );
      expect(service(role).volumes).toContain('./onderstroom.yaml:/etc/onderstroom/onderstroom.yaml:ro');
    }
    // Every variable the example config names (keys ending in _env) reaches the roles.
    const example = fs.readFileSync(path.join(root, 'onderstroom.example.yaml'), 'utf8');
    for (const [, name] of example.matchAll(/_env: ([A-Z_][A-Z0-9_]*)/g)) expect(secrets).toContain(name);
    // The Infinity plugin is installed at start by default; without internet it comes from a mounted folder.
    expect(service('grafana').environment?.GF_PLUGINS_PREINSTALL_SYNC).toBe(
      '${GRAFANA_PLUGINS_PREINSTALL-yesoreyeram-infinity-datasource}',
    );
    expect(service('grafana').volumes).toContain('./dashboards/plugins:/var/lib/grafana/offline-plugins:ro');
  });

  it('uses exactly the variables .env.example lists', () => {
    expect([...composeVariables].sort()).toEqual([...exampleVariables].sort());
  });

  it('leaves secrets empty in .env.example', () => {
    for (const line of envExample.split('\n')) {
      if (
        /^[A-Z_]*(PASSWORD|KEY|TOKEN|SECRET|_URL)[A-Z_]*=/.test(line) &&
        !line.startsWith('ONDERSTROOM_PUBLIC_URL') &&
        !line.startsWith('ONDERSTROOM_WEB_URL')
      ) {
        expect(line, line).toMatch(/=$/);
      }
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const ignored = fs
    .readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));

  it('builds in two stages on node:20 bookworm-slim and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM node:20-bookworm-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    // The script that gives each role its V8 flags, as ./onderstroom does in a clone.
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/onderstroom"\]$/m);
    expect(dockerfile).toMatch(/^COPY --chown=node:node onderstroom \.\/onderstroom$/m);
  });

  it('does not exclude from the build context anything it copies', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      for (const pattern of ignored.filter((p) => !p.includes('*'))) {
        expect(
          source === pattern || source.startsWith(`${pattern}/`),
          `${source} is excluded by ${pattern}`,
        ).toBe(false);
      }
    }
  });
});

describe('the onderstroom command (clone and image entrypoint)', () => {
  // A stand-in `node` first on PATH prints the arguments the script execs it with.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-fake-node-'));
  fs.writeFileSync(path.join(bin, 'node'), '#!/bin/sh\necho "$@"\n', { mode: 0o755 });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));
  const nodeArgs = (...args: string[]) => {
    // env(1) sets PATH for the script only: the stand-in first, then the system's (sh, dirname).
    const run = spawnSync(
      '/usr/bin/env',
      [`PATH=${bin}:/usr/bin:/bin`, path.join(root, 'onderstroom'), ...args],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.trim().split(' ');
  };
  const script = path.join(root, 'bin/onderstroom.js');

  it('gives the API role a small young generation, and every process the heap cap', () => {
    for (const role of [['--role', 'api'], ['--role=api']]) {
      expect(nodeArgs('start', ...role)).toEqual([
        '--max-old-space-size=1024',
        '--max-semi-space-size=1',
        script,
        'start',
        ...role,
      ]);
    }
  });

  it('leaves V8 its young generation for the other roles and commands', () => {
    for (const args of [
      ['start'],
      ['start', '--role', 'worker'],
      ['start', '--role', 'all'],
      ['import', 'api'],
    ]) {
      expect(nodeArgs(...args)).toEqual(['--max-old-space-size=1024', script, ...args]);
    }
  });
});

const hasDockerCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasDockerCompose) console.warn('skipping `docker-compose config`: docker-compose is not installed');

describe.skipIf(!hasDockerCompose)('docker-compose config (Debian package docker-compose)', () => {
  // env -u: the check must not depend on secrets that happen to be set in the shell running the tests.
  const config = (secrets: string[]) =>
    spawnSync(
      'env',
      [
        '-u',
        'POSTGRES_PASSWORD',
        '-u',
        'GRAFANA_ADMIN_PASSWORD',
        '-u',
        'ONDERSTROOM_METRICS_TOKEN',
        ...secrets,
        'docker-compose',
        '-f',
        'docker-compose.yml',
        '--env-file',
        '.env.example',
        'config',
        '-q',
      ],
      { cwd: root, encoding: 'utf8' },
    );

  it('accepts the file with .env.example once the required secrets are set', () => {
    const result = config([
      'POSTGRES_PASSWORD=test-only',
      'GRAFANA_ADMIN_PASSWORD=test-only',
      'ONDERSTROOM_METRICS_TOKEN=test-only-metrics-token-000000',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to start without the required secrets, and says which', () => {
    const result = config([]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/POSTGRES_PASSWORD|GRAFANA_ADMIN_PASSWORD/);
  });

  it('refuses to start without the metrics token, and says so', () => {
    const result = config(['POSTGRES_PASSWORD=test-only', 'GRAFANA_ADMIN_PASSWORD=test-only']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/ONDERSTROOM_METRICS_TOKEN/);
  });
});
