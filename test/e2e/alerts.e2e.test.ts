// End to end, as a user runs it: an OBI4wan export with two weeks of ordinary talk and, five hours ago, a burst of
// negative posts is imported; the service is started with four channels; each channel receives exactly one alert
// and then exactly one resolution.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exited, freePort, runCli, startCli, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import {
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../fakes/receivers.js';
import { checkedFetch } from '../support/openapi.js';

const CALM = [
  'Goed geregeld door de gemeente, dank jullie wel.',
  'De markt in Huizen is zaterdag gewoon open.',
  'Vanavond is er een informatieavond in het gemeentehuis.',
];
const ANGRY = [
  'Schandalig dat de avondklok weer verlengd wordt, belachelijk dit.',
  'Wat een waardeloze en onzinnige maatregel, ik ben er klaar mee.',
  'Die avondklok is echt een schande, niemand snapt dit beleid.',
];

/** OBI4wan writes local (Amsterdam) day-first times to the minute. */
function obi4wanDate(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    hourCycle: 'h23',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}`;
}

function exportFile(file: string, now: number): void {
  const lines = ['Publicatiedatum;Bron;Url;Geplaatst door (optioneel);Bericht;Sentiment;PR-waarde'];
  const row = (at: number, id: string, author: string, text: string) =>
    lines.push(`${obi4wanDate(at)};twitter;https://twitter.example/${id};${author};"${text}";;`);
  for (let at = now - 14 * 86_400_000, i = 0; at < now - 5 * 60_000; at += 300_000, i++) {
    row(at, `calm-${i}`, `inwoner${i % 97}`, CALM[i % CALM.length]!);
    if (i % 3 === 0) row(at + 60_000, `angry-${i}`, `inwoner${i % 89}`, ANGRY[i % ANGRY.length]!);
  }
  for (let i = 0; i < 120; i++)
    row(now - 45 * 60_000 + i * 2_500, `burst-${i}`, `boos${i}`, ANGRY[i % ANGRY.length]!);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;
let receivers: { teams: HttpReceiver; slack: HttpReceiver; hook: HttpReceiver; smtp: SmtpReceiver };

beforeAll(async () => {
  assertBuilt();
  const [teams, slack, hook, smtp] = await Promise.all([
    startHttpReceiver(),
    startHttpReceiver(),
    startHttpReceiver(),
    startSmtpReceiver(),
  ]);
  receivers = { teams, slack, hook, smtp };
  const config = `
alerts:
  resolve_after: 10m
  channels:
    - { id: teams, kind: teams, url: "${teams.url}" }
    - { id: slack, kind: slack, url: "${slack.url}" }
    - { id: hook, kind: webhook, url: "${hook.url}", secret_env: E2E_WEBHOOK_SECRET }
    - { id: mail, kind: email, smtp_url_env: E2E_SMTP_URL, from: "Onderstroom <alerts@huizen.example>", to: [crisis@huizen.example] }
  rules:
    - { id: negatief, metric: negative_share, topic: all, threshold: 0.5, min_volume: 30, window: 1h, channels: [teams, slack, hook, mail] }
`;
  ({ variables, database, dir } = await createTestEnv(config, {
    E2E_WEBHOOK_SECRET: 'e2e-geheim',
    E2E_SMTP_URL: smtp.url,
  }));
});

afterAll(async () => {
  await Promise.all([
    receivers.teams.close(),
    receivers.slack.close(),
    receivers.hook.close(),
    receivers.smtp.close(),
  ]);
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a burst of negative posts reaching a running service', () => {
  it('yields exactly one delivered alert per channel, then its resolution', async () => {
    const file = path.join(dir, 'obi4wan-e2e.csv');
    exportFile(file, Date.now());
    const imported = await runCli(['import', file, '--json'], variables);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ preset: 'obi4wan', rejected: [] });

    const port = await freePort();
    const service = startCli(['start'], { ...variables, ONDERSTROOM_PORT: String(port) });
    try {
      await waitFor(
        () =>
          Promise.resolve(
            receivers.hook.accepted.length >= 2 && receivers.smtp.messages.length >= 2 ? true : null,
          ),
        `an alert and its resolution at every channel (output: ${service.output()})`,
        240_000,
      );
      // Another detection tick and delivery run must not send anything again.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      const events = (r: HttpReceiver) =>
        r.accepted.map((x) => (JSON.parse(x.body) as { event?: string; type?: string }).event);
      expect(events(receivers.hook)).toEqual(['opened', 'resolved']);
      expect(receivers.teams.accepted).toHaveLength(2);
      expect(receivers.slack.accepted).toHaveLength(2);
      expect(receivers.smtp.messages).toHaveLength(2);
      expect(receivers.smtp.messages[0]!.raw).toMatch(/Subject: Piek in negatief sentiment: alle berichten/);
      expect(receivers.smtp.messages[1]!.raw).toMatch(/Subject: Opgelost: Piek in negatief sentiment/);
      expect(receivers.teams.accepted[0]!.body).toContain('negatief (normaal');

      const created = await runCli(
        ['keys', 'create', '--role', 'viewer', '--name', 'e2e', '--json'],
        variables,
      );
      const { key } = JSON.parse(created.stdout) as { key: string };
      const response = await checkedFetch(
        `http://127.0.0.1:${port}/api/v1/alerts?from=${Date.now() - 86_400_000}`,
        {
          headers: { authorization: `Bearer ${key}` },
        },
      );
      const alerts = (await response.json()) as { state: string; deliveries: { state: string }[] }[];
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.state).toBe('resolved');
      expect(alerts[0]!.deliveries.map((d) => d.state)).toEqual(Array(8).fill('delivered'));
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await exited(service.child)).toBe(0);
  }, 300_000);
});
