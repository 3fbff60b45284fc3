import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseConfig } from './config.loader.js';

function problems(yaml: string): string[] {
  try {
    parseConfig(yaml, 'test.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    const config = parseConfig('', 'test.yaml');
    expect(config.timezone).toBe('Europe/Amsterdam');
    expect(config.privacy.retention_days).toBe(90);
    expect(config.privacy.public_accounts).toEqual([]);
    expect(config.organisation.name).toBe('Gemeente');
  });

  it('names the organisation of the reports, and refuses an empty name at its line', () => {
    expect(parseConfig('organisation:\n  name: Gemeente Huizen\n', 'test.yaml').organisation.name).toBe(
      'Gemeente Huizen',
    );
    expect(() => parseConfig("organisation:\n  name: ''\n", 'test.yaml')).toThrow(
      /line 2: organisation\.name/,
    );
  });

  it('reads a section left empty as its defaults', () => {
    expect(
      parseConfig('topics:\n  # file: ./topics.yaml\nprivacy:\n', 'test.yaml').privacy.retention_days,
    ).toBe(90);
  });

  it('lists every problem with its line and path', () => {
    const found = problems(
      [
        'timezone: Mars/Olympus',
        'privacy:',
        '  retention_days: 0',
        '  public_accounts:',
        '    - name: Gemeente Huizen',
        '      kind: burger',
        'sourcez: []',
      ].join('\n'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3: privacy\.retention_days: must be >= 1/),
        expect.stringMatching(
          /^line 6: privacy\.public_accounts\[0\]\.kind: must be one of "institution", "media"/,
        ),
        expect.stringMatching(/unknown key "sourcez"/),
        expect.stringMatching(/timezone: "Mars\/Olympus" is not an IANA time zone/),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('privacy:\n  retention_days: [1,\n')[0]).toMatch(/^line \d+: /);
  });

  it('refuses duplicate keys', () => {
    expect(problems('timezone: Europe/Amsterdam\ntimezone: UTC\n')[0]).toMatch(/unique|duplicate/i);
  });

  it('refuses a file that is not a mapping', () => {
    expect(problems('- a\n- b\n')).toEqual([
      'the file must hold a mapping of sections (timezone, privacy, topics, ...)',
    ]);
  });
  it('reads a questions rule and names the field of a bad one', () => {
    const config = parseConfig(
      'alerts:\n  rules:\n    - { id: vragen, metric: questions, topic: each, min_volume: 8 }\n',
      'test.yaml',
    );
    expect(config.alerts.rules![0]).toMatchObject({
      metric: 'questions',
      source: 'all',
      direction: 'spike',
      min_volume: 8,
    });
    // Without min_volume a questions rule gets its own default; a mentions rule keeps 20.
    const defaults = parseConfig(
      'alerts:\n  rules:\n    - { id: vragen, metric: questions }\n    - { id: volume, metric: volume }\n',
      'test.yaml',
    );
    expect(defaults.alerts.rules!.map((rule) => rule.min_volume)).toEqual([5, 20]);
    expect(
      problems(
        [
          'alerts:',
          '  rules:',
          '    - { id: vragen, metric: questions, source: mastodon, direction: both }',
          '    - { id: vraag, metric: vragen }',
        ].join('\n'),
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alerts\.rules\[0\]\.source: a questions rule counts .* not "mastodon"$/),
        expect.stringMatching(/^alerts\.rules\[0\]\.direction: .*give spike, not "both"$/),
        expect.stringMatching(/^line 4: alerts\.rules\[1\]\.metric: .*"questions"/),
      ]),
    );
  });
});

describe('the reports section', () => {
  const CHANNELS =
    'alerts:\n  channels:\n    - { id: mail, kind: email, smtp_url_env: SMTP_URL, from: a@example.nl, to: [b@example.nl] }\n    - { id: teams, kind: teams, url: "https://example.nl/hook" }\n';

  it('defaults to Monday 08:00 and 08:30 without channels', () => {
    const config = parseConfig('', 'test.yaml');
    expect(config.reports).toEqual({
      weekly: { schedule: 'monday 08:00', channels: [] },
      daily_digest: { time: '08:30', channels: [] },
      faq_gaps: { schedule: 'monday 08:00', min_count: 5, channels: [] },
    });
  });

  it('takes a schedule, a time and known channels', () => {
    const config = parseConfig(
      `${CHANNELS}reports:\n  weekly: { schedule: "maandag 07:30", channels: [mail] }\n  daily_digest: { time: "09:00", channels: [teams, mail] }\n`,
      'test.yaml',
    );
    expect(config.reports.weekly.channels).toEqual(['mail']);
    expect(config.reports.daily_digest.time).toBe('09:00');
  });

  it('names the key of a bad schedule, a bad time, an unknown or doubled channel', () => {
    const found = problems(
      `${CHANNELS}reports:\n  weekly: { schedule: "every monday", channels: [mail, slack] }\n  daily_digest: { time: "8:30", channels: [teams, teams] }\n`,
    );
    expect(found).toEqual([
      'reports.weekly.schedule: expected a weekday and a local time such as "monday 08:00", got "every monday"',
      'reports.daily_digest.time: expected a local time HH:MM (00:00 to 23:59), got "8:30"',
      'reports.weekly.channels[1]: no alert channel "slack" under alerts.channels',
      'reports.daily_digest.channels[1]: channel "teams" is named twice',
    ]);
  });

  it('refuses keys it does not know', () => {
    expect(problems('reports:\n  monthly: { channels: [] }\n').join('\n')).toMatch(/reports/);
  });

  it('takes the weekly gaps alert, and names its key when the count, schedule or a channel is wrong', () => {
    const config = parseConfig(
      `${CHANNELS}reports:\n  faq_gaps: { schedule: "maandag 09:00", min_count: 3, channels: [teams] }\n`,
      'test.yaml',
    );
    expect(config.reports.faq_gaps).toEqual({ schedule: 'maandag 09:00', min_count: 3, channels: ['teams'] });
    const count = problems(`${CHANNELS}reports:\n  faq_gaps: { min_count: 0, channels: [teams] }\n`);
    expect(count.join('\n')).toMatch(/reports\.faq_gaps\.min_count/);
    expect(problems(`${CHANNELS}reports:\n  faq_gaps: { min_count: veel }\n`).join('\n')).toMatch(
      /reports\.faq_gaps\.min_count/,
    );
    expect(
      problems(`${CHANNELS}reports:\n  faq_gaps: { schedule: "elke week", channels: [slack] }\n`),
    ).toEqual([
      'reports.faq_gaps.schedule: expected a weekday and a local time such as "monday 08:00", got "elke week"',
      'reports.faq_gaps.channels[0]: no alert channel "slack" under alerts.channels',
    ]);
  });
});
