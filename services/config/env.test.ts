import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { readEnv } from './env.js';

describe('readEnv', () => {
  it('uses defaults that run on a fresh machine', () => {
    const env = readEnv({}, '/srv/app');
    expect(env).toMatchObject({
      databaseUrl: null,
      redisUrl: 'redis://127.0.0.1:6379',
      configPath: '/srv/app/onderstroom.yaml',
      configPathExplicit: false,
      dataDir: '/srv/app/.data',
      port: 8080,
      queuePrefix: 'onderstroom',
      metricsToken: null,
      metricsPort: 9464,
      queueBoardActions: false,
      memorySamplesFile: null,
    });
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      readEnv({
        DATABASE_URL: 'mysql://x',
        ONDERSTROOM_PORT: '80a',
        LOG_LEVEL: 'loud',
        ONDERSTROOM_PSEUDONYM_KEY: 'short',
        ONDERSTROOM_METRICS_TOKEN: 'too short',
        ONDERSTROOM_METRICS_PORT: '70000',
        ONDERSTROOM_QUEUE_BOARD_ACTIONS: 'yes',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL must start with postgres:// or postgresql://',
      'ONDERSTROOM_PORT must be a port number 0-65535, got "80a"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'ONDERSTROOM_PSEUDONYM_KEY must be at least 32 characters (use `openssl rand -hex 32`)',
      'ONDERSTROOM_METRICS_TOKEN must be at least 24 characters without spaces (use `openssl rand -hex 24`)',
      'ONDERSTROOM_METRICS_PORT must be a port number 0-65535, got "70000"',
      'ONDERSTROOM_QUEUE_BOARD_ACTIONS must be on or off, got "yes"',
    ]);
  });

  it('reads the metrics token and port', () => {
    const token = 'a'.repeat(24);
    expect(readEnv({ ONDERSTROOM_METRICS_TOKEN: token, ONDERSTROOM_METRICS_PORT: '9100' })).toMatchObject({
      metricsToken: token,
      metricsPort: 9100,
    });
  });

  it('turns the queue board actions on only when asked', () => {
    expect(readEnv({ ONDERSTROOM_QUEUE_BOARD_ACTIONS: 'ON' }).queueBoardActions).toBe(true);
    expect(readEnv({ ONDERSTROOM_QUEUE_BOARD_ACTIONS: 'off' }).queueBoardActions).toBe(false);
  });

  it('samples memory into a file only when one is named', () => {
    expect(readEnv({ ONDERSTROOM_MEMORY_SAMPLES: 'bench/memory.jsonl' }, '/srv').memorySamplesFile).toBe(
      '/srv/bench/memory.jsonl',
    );
    expect(readEnv({ ONDERSTROOM_MEMORY_SAMPLES: ' ' }, '/srv').memorySamplesFile).toBeNull();
  });

  it('treats a named config file as explicit', () => {
    expect(readEnv({ ONDERSTROOM_CONFIG: 'etc/o.yaml' }, '/srv').configPath).toBe('/srv/etc/o.yaml');
    expect(readEnv({ ONDERSTROOM_CONFIG: 'etc/o.yaml' }, '/srv').configPathExplicit).toBe(true);
  });
});
