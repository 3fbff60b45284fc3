// The commented example file in the repository root stays valid: a user who copies it gets a working start.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.loader.js';
import { parseSources } from '../sources/sources.schema.js';

const file = path.resolve(import.meta.dirname, '../../onderstroom.example.yaml');

describe('onderstroom.example.yaml', () => {
  it('passes every check the service runs at start', () => {
    const config = parseConfig(fs.readFileSync(file, 'utf8'), file);
    expect(parseSources(config.sources).problems).toEqual([]);
    expect(config.alerts.rules?.map((rule) => rule.id)).toEqual([
      'volume',
      'negatief',
      'negatief-per-onderwerp',
      'stilte',
      'vragen-per-onderwerp',
    ]);
    expect(config.alerts.rules?.find((rule) => rule.metric === 'questions')).toMatchObject({
      topic: 'each',
      source: 'all',
      direction: 'spike',
    });
    expect(config.sources.length).toBeGreaterThanOrEqual(6);
    expect(config.organisation.name).toBe('Gemeente Huizen');
    expect(config.reports).toEqual({
      weekly: {
        schedule: 'monday 08:00',
        channels: ['communicatie', 'crisisteam'],
        recipients: ['crisisteam@gemeente.example', 'communicatie@gemeente.example'],
      },
      daily_digest: { time: '08:30', channels: ['crisisteam'], recipients: [] },
      faq_gaps: { schedule: 'monday 08:00', min_count: 5, channels: ['communicatie'] },
    });
  });
});
