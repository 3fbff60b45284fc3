import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.loader.js';
import { runtimeProblems } from './runtime-checks.js';

const example = path.resolve(import.meta.dirname, '../../onderstroom.example.yaml');

describe('runtimeProblems', () => {
  it('names what the example file would fail on without its secrets', () => {
    const { config } = loadConfig(example, true);
    const problems = runtimeProblems(config, () => null);
    expect(problems).toContainEqual(
      expect.stringMatching(/bluesky-huizen \(bluesky\): BLUESKY_HANDLE is not set/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/BLUESKY_APP_PASSWORD is not set/));
    expect(problems).toContainEqual(
      expect.stringMatching(
        /nieuws-gooi \(rss\): url https:\/\/www\.example\.nl\/nieuws\/rss is a placeholder/,
      ),
    );
    expect(problems).toContainEqual(expect.stringMatching(/ONDERSTROOM_TEAMS_WEBHOOK_URL/));
    // Disabled sources and optional credentials are not problems.
    expect(problems.join('\n')).not.toMatch(/x-huizen|REDDIT_CLIENT_ID/);
  });

  it('finds nothing when the secrets are set and the feeds are real', () => {
    const text = fs
      .readFileSync(example, 'utf8')
      .replace('https://www.example.nl/nieuws/rss', 'https://www.huizen.nl/rss');
    const file = path.join(fs.mkdtempSync(path.join(import.meta.dirname, '.tmp-')), 'onderstroom.yaml');
    try {
      fs.writeFileSync(file, text);
      const { config } = loadConfig(file, true);
      const secret = (name: string) =>
        name.includes('SMTP') ? 'smtp://mail.huizen.nl:587' : `https://hooks.huizen.nl/${name}`;
      expect(runtimeProblems(config, secret)).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
