// onderstroom measures load|list|effect|evaluate: the timeline of measures from the command line.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { parseDuration } from '../../config/duration.js';
import { evaluateClassifier } from '../../measures/classifier.evaluation.js';
import { createMeasureClassifier } from '../../measures/measure.classifier.js';
import { DEFAULT_EFFECT, type EffectReport } from '../../measures/measure-effects.service.js';
import { DIRECTIONS, LEVELS, type MeasureDirection, type MeasureLevel } from '../../measures/measure.js';
import { effectJson, measureJson } from '../../measures/measure-json.js';
import { parseTimeline } from '../../measures/timeline.file.js';
import { defaultTaxonomy, resolveTopicId } from '../../nlp/taxonomy.js';
import { parseTime, resolveRange } from '../../series/range.js';
import { printJson, printLines, printableTable, table } from '../output.js';
import { withContext } from '../context.js';

// The seed sits beside the measures module's source; compiled code runs from dist/services/cli/commands.
const SEED_CANDIDATES = [
  '../../measures/seed/nl-corona-measures-2020-2022.yaml',
  '../../../../services/measures/seed/nl-corona-measures-2020-2022.yaml',
];

export function seedFile(): string {
  for (const candidate of SEED_CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  throw new Error('the shipped seed timeline (services/measures/seed) was not found');
}

function time(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  // Only whether it parses: the zone that places a date alone is the configuration's, applied in resolveRange.
  if (parseTime(value, 'UTC') === null)
    throw new Error(`--${name}: expected a date (2020-10-14), an ISO time or epoch ms`);
  return value;
}

function effectLines(report: EffectReport): string[] {
  const { volume, sentiment, topics, questions } = report.effect;
  const fixed = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));
  const points = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)} pt`);
  return [
    `${report.measure.id}: ${report.measure.title}`,
    `  around ${new Date(report.at).toISOString()} (${report.options.anchor}), ${report.options.beforeMs / 3_600_000}h before and ${report.options.afterMs / 3_600_000}h after, source ${report.options.source}, topic ${report.options.topic}${report.complete ? '' : ' (after window not over yet)'}`,
    ...table([
      ['mentions before / after', `${volume.before} / ${volume.after}`],
      [
        'expected before / after',
        `${fixed(volume.expectedBefore, 1)} / ${fixed(volume.expectedAfter, 1)} (${volume.weeks} earlier weeks)`,
      ],
      [
        'volume ratio',
        `${fixed(volume.ratio)} [${fixed(volume.low)}, ${fixed(volume.high)}] (${volume.basis})`,
      ],
      [
        'negative share before / after',
        `${points(sentiment.negativeShareBefore)} / ${points(sentiment.negativeShareAfter)}`,
      ],
      [
        'sentiment shift',
        `${points(sentiment.shift)} [${points(sentiment.low)}, ${points(sentiment.high)}] (${sentiment.basis})`,
      ],
      ['KCC questions before / after', questions === null ? '-' : `${questions.before} / ${questions.after}`],
      [
        'question ratio',
        questions === null
          ? '-'
          : `${fixed(questions.ratio)} [${fixed(questions.low)}, ${fixed(questions.high)}] (${questions.basis}, ${questions.weeks} earlier weeks)`,
      ],
      [
        'topics that grew',
        topics.map((t) => `${t.topic} +${(t.growth * 100).toFixed(1)} pt`).join(', ') || '-',
      ],
    ]),
  ];
}

export function registerMeasuresCommand(program: Command): void {
  const measures = program.command('measures').description('the timeline of government measures');

  measures
    .command('load')
    .description(
      'load a timeline file (YAML or JSON) idempotently: new measures are added, changed ones get a new version',
    )
    .argument('[file]', 'the timeline file; without it, the shipped seed of Dutch corona measures 2020-2022')
    .option('--json', 'print the summary as one JSON object')
    .action(async (file: string | undefined, options: { json?: boolean }) => {
      const path = file ?? seedFile();
      const summary = await withContext((context) => context.measures.timeline.loadFile(path));
      if (options.json) {
        printJson(summary);
        return;
      }
      printLines([
        `Loaded ${summary.file}`,
        ...table([
          ['measures in the file', summary.measures],
          ['added', summary.inserted],
          ['new versions', summary.updated],
          ['unchanged', summary.unchanged],
        ]),
      ]);
    });

  measures
    .command('list')
    .description('print the measures that take effect in a period (or whose stated period overlaps it)')
    .option('--from <time>', 'start: a date (2020-10-01), an ISO time or epoch ms')
    .option('--to <time>', 'end (exclusive)')
    .addOption(new Option('--level <level>', 'only this level').choices(LEVELS))
    .addOption(new Option('--direction <direction>', 'only this direction').choices(DIRECTIONS))
    .option('--topic <topic>', 'only measures about this topic')
    .option('--json', 'print a JSON array')
    .action(
      async (options: {
        from?: string;
        to?: string;
        level?: MeasureLevel;
        direction?: MeasureDirection;
        topic?: string;
        json?: boolean;
      }) => {
        const from = time(options.from, 'from');
        const to = time(options.to, 'to');
        const list = await withContext((context) => {
          const range =
            from !== undefined || to !== undefined
              ? resolveRange(from ?? '1970-01-01', to, context.config.timezone)
              : null;
          return context.measures.editing.list({
            fromMs: range?.fromMs ?? null,
            toMs: range?.toMs ?? null,
            level: options.level ?? null,
            direction: options.direction ?? null,
            topic: options.topic ?? null,
            limit: 10_000,
          });
        });
        if (options.json) {
          printJson(list.map(measureJson));
          return;
        }
        if (list.length === 0) {
          printLines([
            'No measures in this period. Load the shipped timeline with `onderstroom measures load`.',
          ]);
          return;
        }
        printLines(
          printableTable(
            [
              { header: 'FROM', value: (m) => m.effectiveFrom },
              { header: 'UNTIL', value: (m) => m.effectiveUntil },
              { header: 'LEVEL', value: (m) => m.level },
              { header: 'DIRECTION', value: (m) => m.direction },
              { header: 'TITLE', value: (m) => m.title },
              { header: 'TOPICS', value: (m) => m.topics.join(', ') },
              { header: 'VERSION', value: (m) => (m.version > 1 ? m.version : null), align: 'right' },
              { header: 'ID', value: (m) => m.id },
            ],
            list,
          ),
        );
      },
    );

  measures
    .command('effect')
    .description('before/after figures of one measure, compared with the same hours of earlier weeks')
    .argument('<id>', 'the measure id (see measures list)')
    .option('--before <duration>', 'hours before (48h, 3d)', '48h')
    .option('--after <duration>', 'hours after', '48h')
    .option(
      '--weeks <n>',
      'earlier weeks to compare with (0-12)',
      (value: string) => {
        if (!/^\d+$/.test(value) || Number(value) > 12) throw new Error('--weeks: a whole number 0-12');
        return Number(value);
      },
      4,
    )
    .option('--source <kind>', 'a source kind or all', 'all')
    .option('--topic <topic>', 'measure the effect on this topic series, or all', 'all')
    .option('--json', 'print JSON')
    .action(
      async (
        id: string,
        options: {
          before: string;
          after: string;
          weeks: number;
          source: string;
          topic: string;
          json?: boolean;
        },
      ) => {
        const weeks = options.weeks;
        const { report, json } = await withContext(async (context) => {
          const found = await context.measures.effects.effect(id, {
            ...DEFAULT_EFFECT,
            beforeMs: parseDuration(options.before),
            afterMs: parseDuration(options.after),
            weeks,
            source: options.source,
            topic: options.topic,
          });
          const labels = new Map(context.taxonomy.topics.map((topic) => [topic.id, topic.label]));
          return { report: found, json: effectJson(found, (topic) => labels.get(topic) ?? topic) };
        });
        if (options.json) printJson(json);
        else printLines(effectLines(report));
      },
    );

  measures
    .command('evaluate')
    .description(
      'how well the publication classifier agrees with the topics and directions of a timeline file',
    )
    .argument('[file]', 'a timeline file; without it, the shipped seed')
    .option('--json', 'print JSON')
    .action((file: string | undefined, options: { json?: boolean }) => {
      const path = file ?? seedFile();
      const taxonomy = defaultTaxonomy();
      const parsed = parseTimeline(fs.readFileSync(path, 'utf8'), path, (topic) =>
        resolveTopicId(taxonomy, topic),
      );
      if (parsed.problems.length > 0) throw new Error(`${path}:\n  ${parsed.problems.join('\n  ')}`);
      const evaluation = evaluateClassifier(createMeasureClassifier(taxonomy), parsed.entries);
      if (options.json) {
        printJson(evaluation);
        return;
      }
      printLines([
        `Classifier against ${path} (${evaluation.measures} measures)`,
        ...table([
          ['direction agreement', evaluation.direction.agreement],
          ['topic precision', evaluation.topics.precision],
          ['topic recall', evaluation.topics.recall],
          ['topic F1', evaluation.topics.f1],
        ]),
        ...evaluation.disagreements.map(
          (d) => `    ${d.id}: labelled ${d.labelled}, classified ${d.classified}`,
        ),
      ]);
    });
}
