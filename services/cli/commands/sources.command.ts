// onderstroom sources list|test|push-key: the state of each source, a dry-run poll, and keys for push sources.
import type { Command } from 'commander';
import type { PreparedMention } from '../../ingest/prepare.js';
import { dutchAgo, localTime, printJson, printLines, printableTable } from '../output.js';
import { withContext } from '../context.js';

function mentionRow(mention: PreparedMention) {
  return {
    external_id: mention.externalId,
    url: mention.url,
    posted_at: mention.postedAt.toISOString(),
    author: mention.authorName ?? mention.authorPseudonym,
    language: mention.language,
    sentiment: { label: mention.sentimentLabel, score: mention.sentimentScore },
    topics: mention.topics,
    title: mention.title,
    text: mention.text,
  };
}

const oneLine = (text: string, width: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};

export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description('configured sources: state, dry-run polls, push keys');

  sources
    .command('list')
    .description('show each source: state, last success and error, items stored, lag, next poll, coverage')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const now = new Date();
      const { rows, timeZone } = await withContext(async (context) => ({
        rows: await context.sourceStatus.list(now),
        timeZone: context.config.timezone,
      }));
      if (options.json) {
        printJson(rows);
        return;
      }
      if (rows.length === 0) {
        printLines(['No sources yet: add them under sources: in the config file.']);
        return;
      }
      const ago = (at: string | null) => (at === null ? null : dutchAgo(new Date(at), now));
      const when = (at: string | null) => (at === null ? null : localTime(new Date(at), timeZone));
      printLines([
        ...printableTable(
          [
            { header: 'ID', value: (row) => row.id },
            { header: 'KIND', value: (row) => row.kind },
            {
              header: 'STATE',
              value: (row) => (row.configured ? row.state : `${row.state} (not configured)`),
            },
            { header: 'ITEMS', value: (row) => row.items_stored, align: 'right' },
            { header: 'NEWEST ITEM', value: (row) => ago(row.newest_item_at) },
            { header: 'LAST SUCCESS', value: (row) => ago(row.last_success_at) },
            { header: 'NEXT POLL', value: (row) => when(row.next_poll_at) },
            { header: 'COVERED FROM', value: (row) => when(row.coverage_from) },
          ],
          rows,
        ),
        ...rows
          .filter((row) => row.last_error !== null)
          .map((row) => `${row.id}: last error ${ago(row.last_error_at) ?? ''}: ${row.last_error}`),
      ]);
    });

  sources
    .command('test')
    .description('poll one source once and print what would be stored; stores nothing')
    .argument('<id>', 'a source id from the config file')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const run = await withContext((context) => context.polls.dryRun(id));
      if (options.json) {
        printJson({
          source: run.sourceId,
          kind: run.kind,
          pages: run.pages,
          requests: run.requests,
          fetched: run.fetched,
          already_stored: run.alreadyStored,
          would_store: run.wouldStore.map(mentionRow),
          rejected: run.rejected.map((entry) => ({ external_id: entry.externalId, reason: entry.reason })),
          cursor_before: run.cursorBefore,
          cursor_after: run.cursorAfter,
          rate_limit: {
            remaining: run.rateLimit.remaining,
            reset_at: run.rateLimit.resetAt?.toISOString() ?? null,
          },
          rate_limited_until: run.rateLimitedUntil,
        });
        return;
      }
      printLines([
        `Source ${run.sourceId} (${run.kind}): ${run.pages} page${run.pages === 1 ? '' : 's'}, ${run.requests} request${run.requests === 1 ? '' : 's'}, ` +
          `${run.fetched} items fetched, ${run.alreadyStored} already stored, ${run.wouldStore.length} would be stored, ` +
          `${run.rejected.length} rejected.`,
        ...run.wouldStore.map(
          (mention) =>
            `  ${mention.postedAt.toISOString()}  ${mention.language}  ${mention.sentimentLabel.padEnd(8)} ` +
            `${mention.topics.length > 0 ? `[${mention.topics.join(',')}] ` : ''}${oneLine(mention.title ?? mention.text, 90)}`,
        ),
        ...run.rejected.map((entry) => `  rejected ${entry.externalId}: ${entry.reason}`),
        ...(run.rateLimit.remaining === null
          ? []
          : [
              `Rate limit: ${run.rateLimit.remaining} requests left${run.rateLimit.resetAt ? `, resets ${run.rateLimit.resetAt.toISOString()}` : ''}.`,
            ]),
        ...(run.rateLimitedUntil
          ? [`Stopped early: the rate limit is used up until ${run.rateLimitedUntil}.`]
          : []),
        'Nothing was stored; the cursor did not move.',
      ]);
    });

  sources
    .command('push-key')
    .description('create an API key that may push mentions to one push source (and nowhere else)')
    .argument('<id>', 'a push source id from the config file')
    .requiredOption('--name <name>', 'who or what pushes with it (for example kcc-webhook)')
    .option('--json', 'print {"id","name","source","key"} as JSON')
    .action(async (id: string, options: { name: string; json?: boolean }) => {
      const created = await withContext(async (context) => {
        const source = context.sourceConfigs.find((configured) => configured.id === id);
        if (source === undefined || source.kind !== 'push') {
          throw new Error(
            `no push source "${id}" in the configuration; add { id: ${id}, kind: push } under sources:`,
          );
        }
        await context.syncConfiguredSources([source]);
        return context.apiKeys.create(options.name, 'viewer', id);
      });
      if (options.json) {
        printJson({ id: created.record.id, name: created.record.name, source: id, key: created.key });
        return;
      }
      printLines([
        `Created push key "${created.record.name}" (id ${created.record.id}) for source ${id}. It is shown only now:`,
        '',
        `  ${created.key}`,
        '',
        'POST batches to /api/v1/mentions with: Authorization: Bearer <key>',
      ]);
    });
}
