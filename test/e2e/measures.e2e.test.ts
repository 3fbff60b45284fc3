// End to end, as a user runs it: the built CLI loads the shipped timeline and lists it; the service starts with the
// Veiligheidsregio's feed as a measure watcher and a webhook for measure changes; a new notice appears on the
// fake site; the running service delivers exactly one measure_change alert and shows the notice as an annotation.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeMeasureFeed } from '../fakes/fake-measure-feed.js';
import { startHttpReceiver, type HttpReceiver } from '../fakes/receivers.js';
import { assertBuilt, exited, freePort, runCli, startCli, waitFor } from '../support/cli.js';
import { createTestEnv } from '../support/context.js';
import type { TestDatabase } from '../support/postgres.js';
import { checkedFetch } from '../support/openapi.js';

let variables: Record<string, string>;
let database: TestDatabase;
let dir: string;
let hook: HttpReceiver;
const feed = new FakeMeasureFeed();

beforeAll(async () => {
  assertBuilt();
  hook = await startHttpReceiver();
  await feed.start();
  const config = `
alerts:
  channels:
    - { id: crisisteam, kind: webhook, url: "${hook.url}" }
  measure_changes:
    channels: [crisisteam]
sources:
  - id: vr-gooi
    kind: rss
    url: ${feed.url}/feed/
    measures: true
    level: regional
    region: Gooi en Vechtstreek
    every: 1s
    timeout: 2s
`;
  ({ variables, database, dir } = await createTestEnv(config));
});

afterAll(async () => {
  await hook?.close();
  await feed.stop();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('onderstroom measures', () => {
  it('loads the shipped timeline idempotently and lists a period', async () => {
    const first = await runCli(['measures', 'load', '--json'], variables);
    expect(first.stderr).not.toMatch(/onderstroom: /);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ measures: 56, inserted: 56, updated: 0, unchanged: 0 });
    const again = JSON.parse((await runCli(['measures', 'load', '--json'], variables)).stdout) as object;
    expect(again).toMatchObject({ inserted: 0, unchanged: 56 });

    const listed = await runCli(
      ['measures', 'list', '--from', '2020-12-01', '--to', '2021-01-01', '--json'],
      variables,
    );
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; effective_from: string }[];
    expect(rows.map((row) => row.id)).toContain('nl-2020-12-15-lockdown');
    expect(rows.every((row) => row.effective_from >= '2020-12-01' && row.effective_from < '2021-01-01')).toBe(
      true,
    );
    const text = await runCli(['measures', 'list', '--from', '2020-12-01', '--to', '2021-01-01'], variables);
    // A table under a header; the UNTIL column is left out when no measure in the period has an end.
    expect(text.stdout).toMatch(/^FROM +(UNTIL +)?LEVEL +DIRECTION +TITLE +TOPICS +/);
    expect(text.stdout).toMatch(
      /^2020-12-15 +(\S+ +)?national +tightening +Lockdown +\S.* nl-2020-12-15-lockdown$/m,
    );

    const bad = await runCli(['measures', 'load', '/nonexistent/timeline.yaml'], variables);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/file not found: .*timeline\.yaml/);
  });
});

describe('a new notice on the Veiligheidsregio site reaching a running service', () => {
  it('delivers one measure_change alert and shows the annotation', async () => {
    const port = await freePort();
    const env = { ...variables, ONDERSTROOM_PORT: String(port) };
    const service = startCli(['start'], env);
    try {
      const created = await runCli(
        ['keys', 'create', '--role', 'viewer', '--name', 'grafana', '--json'],
        env,
      );
      const { key } = JSON.parse(created.stdout) as { key: string };
      const get = async <T>(url: string): Promise<T> => {
        const response = await checkedFetch(`http://127.0.0.1:${port}${url}`, {
          headers: { authorization: `Bearer ${key}` },
        });
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        return (await response.json()) as T;
      };
      type Row = { id: string; source_id: string | null; title: string };
      // The first pass stores the two notices already on the site, quietly.
      await waitFor(
        async () =>
          (await get<Row[]>('/api/v1/measures?level=regional')).filter((m) => m.source_id === 'vr-gooi')
            .length === 2
            ? true
            : null,
        `the first pass over the feed (output: ${service.output()})`,
      );

      feed.publish({
        slug: '2020/10/noodverordening-14-oktober-2020',
        title: 'Noodverordening 14 oktober 2020',
        html: '<p>Eet- en drinkgelegenheden sluiten. Er geldt een verbod op groepsvorming van meer dan vier personen.</p>',
      });
      await waitFor(
        () => Promise.resolve(hook.accepted.length >= 1 ? true : null),
        `the measure_change alert at the webhook (output: ${service.output()})`,
        90_000,
      );
      const body = JSON.parse(hook.accepted[0]!.body) as {
        kind: string;
        event: string;
        message: { title: string; headline: string; facts: { label: string; value: string }[] };
      };
      expect(body).toMatchObject({ kind: 'measure_change', event: 'opened' });
      expect(body.message.title).toBe('Nieuwe maatregel: Noodverordening 14 oktober 2020');
      expect(body.message.headline).toMatch(
        /^Aanscherping, regionaal \(Gooi en Vechtstreek\), van kracht vanaf /,
      );
      expect(body.message.facts.find((f) => f.label === 'Verwachting')?.value).toBeTruthy();

      const now = Date.now();
      const annotations = await get<{ time: number; title: string; text: string; tags: string }[]>(
        `/grafana/annotations?kind=measures&from=${now - 2 * 86_400_000}&to=${now + 86_400_000}`,
      );
      const notice = annotations.find((row) => row.title === 'Noodverordening 14 oktober 2020');
      expect(notice).toBeDefined();
      expect(notice!.tags.split(',').slice(0, 3)).toEqual(['maatregel', 'regionaal', 'aanscherping']);
      expect(notice!.text).toMatch(/^Regionaal \(Gooi en Vechtstreek\), aanscherping\./);

      // Three more polls of the feed and another delivery run later, nothing was sent again.
      const polls = feed.feedRequests().length;
      await waitFor(
        () => Promise.resolve(feed.feedRequests().length >= polls + 3 ? true : null),
        'three more polls of the feed',
      );
      await new Promise((resolve) => setTimeout(resolve, 16_000));
      expect(hook.accepted).toHaveLength(1);
      const alerts = await get<{ kind: string; deliveries: { state: string }[] }[]>(
        `/api/v1/alerts?kind=measure_change&from=${now - 3_600_000}`,
      );
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.deliveries.map((d) => d.state)).toEqual(['delivered']);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await exited(service.child)).toBe(0);
  }, 180_000);
});
