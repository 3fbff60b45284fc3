// The columns of the mention rollups (rollups_5m, rollups_1h), one per field of ROLLUP_FIELDS, and the SQL written
// from them: column lists, sums, the increment upsert, the row-to-Sums mapping and each metric's expression (from
// METRIC_DEFINITIONS). A new sum is one line here. The question rollups hold five of these sums and take their
// increments by the same conflict clause.
import { sql, type RawBuilder } from 'kysely';
import { ROLLUP_FIELDS, type RollupIncrement } from '../ingest/rollup-increments.js';
import { METRIC_DEFINITIONS, type Metric, type MetricDefinition } from '../series/metric-definitions.js';
import { EMPTY_SUMS, type Sums } from '../series/series.js';

export type RollupField = (typeof ROLLUP_FIELDS)[number];

/** Field -> column name and the array type its increments are sent as (counts are int, sums bigint). */
export const ROLLUP_COLUMNS = {
  n: { name: 'n', type: 'int' },
  nPos: { name: 'n_pos', type: 'int' },
  nNeu: { name: 'n_neu', type: 'int' },
  nNeg: { name: 'n_neg', type: 'int' },
  scoreSum: { name: 'score_sum', type: 'bigint' },
  reachSum: { name: 'reach_sum', type: 'bigint' },
  engagementSum: { name: 'engagement_sum', type: 'bigint' },
} as const satisfies { readonly [F in RollupField]: { name: string; type: 'int' | 'bigint' } };

export type RollupColumn = (typeof ROLLUP_COLUMNS)[RollupField]['name'];

/** A row of the seven sums as pg returns them (int8 as text). */
export type RollupSumsRow = Record<RollupColumn, string | number>;

const NAMES: readonly RollupColumn[] = ROLLUP_FIELDS.map((field) => ROLLUP_COLUMNS[field].name);

/** `x.col` when a table alias is given, else `col`. */
function column(name: string, alias?: string): RawBuilder<unknown> {
  return sql.ref(alias ? `${alias}.${name}` : name);
}

/** `n, n_pos, ..., engagement_sum` (of `alias` when given). */
export function rollupColumnList(alias?: string): RawBuilder<unknown> {
  return sql.join(NAMES.map((name) => column(name, alias)));
}

/**
 * `sum(col)::int8 as col` for each column; with `coalesce`, an empty set sums to 0 instead of null.
 */
export function rollupSums(options: { alias?: string; coalesce: boolean }): RawBuilder<unknown> {
  return sql.join(
    NAMES.map((name) => {
      const sum = sql`sum(${column(name, options.alias)})`;
      return options.coalesce
        ? sql`coalesce(${sum}, 0)::int8 as ${sql.ref(name)}`
        : sql`${sum}::int8 as ${sql.ref(name)}`;
    }),
  );
}

/** `coalesce(alias.col, 0) as col` for each column: a missing (left-joined) row counts zero. */
export function rollupFilled(alias: string): RawBuilder<unknown> {
  return sql.join(NAMES.map((name) => sql`coalesce(${column(name, alias)}, 0) as ${sql.ref(name)}`));
}

/**
 * Metric `metric` of the sums in row `alias`, computed by Postgres as metricValue computes it: (sum of the numerator
 * columns) / scale / denominator in float8, the definition's empty value where the denominator is 0. A left-joined
 * row that is missing is an empty bucket: a total is 0, a ratio its empty value.
 */
export function metricSql(metric: Metric, alias: string): RawBuilder<unknown> {
  const def: MetricDefinition = METRIC_DEFINITIONS[metric];
  const parts = def.numerator.map((field) => sql`coalesce(${column(ROLLUP_COLUMNS[field].name, alias)}, 0)`);
  const numerator = sql`(${sql.join(parts, sql` + `)})::float8`;
  const scaled = def.scale === 1 ? numerator : sql`${numerator} / ${sql.lit(def.scale)}::float8`;
  if (def.denominator === null) return scaled;
  const ratio = sql`${scaled} / nullif(${column(ROLLUP_COLUMNS[def.denominator].name, alias)}, 0)::float8`;
  return def.empty === null ? ratio : sql`coalesce(${ratio}, ${sql.lit(def.empty)}::float8)`;
}

/** The sums a question rollup (question_rollups_5m, question_rollups_1h) holds: a question has no reach or engagement. */
export const QUESTION_ROLLUP_FIELDS = [
  'n',
  'nPos',
  'nNeu',
  'nNeg',
  'scoreSum',
] as const satisfies readonly RollupField[];

/**
 * `col = table.col + excluded.col` for each column of `fields`: how an existing rollup row takes an increment, for
 * the mention rollups and the question rollups alike.
 */
export function rollupIncrementSet(
  table: string,
  fields: readonly RollupField[] = ROLLUP_FIELDS,
): RawBuilder<unknown> {
  const t = sql.table(table);
  return sql.join(
    fields.map((field) => {
      const name = sql.ref(ROLLUP_COLUMNS[field].name);
      return sql`${name} = ${t}.${name} + excluded.${name}`;
    }),
  );
}

/**
 * Adds increments to a rollup table in one statement: the rows go as one array per column (unnest), and a row that
 * exists gets each sum added (`col = table.col + excluded.col`).
 */
export function upsertIncrementsSql(
  table: 'rollups_5m' | 'rollups_1h',
  rows: readonly RollupIncrement[],
): RawBuilder<unknown> {
  const t = sql.table(table);
  const sums = ROLLUP_FIELDS.map((field) => {
    const { type } = ROLLUP_COLUMNS[field];
    return sql`${rows.map((r) => r[field])}::${sql.raw(type)}[]`;
  });
  return sql`
    insert into ${t} (source_kind, topic, bucket, ${rollupColumnList()})
    select * from unnest(
      ${rows.map((r) => r.sourceKind)}::text[], ${rows.map((r) => r.topic)}::text[],
      ${rows.map((r) => new Date(r.bucket).toISOString())}::timestamptz[], ${sql.join(sums)})
    on conflict (source_kind, topic, bucket) do update set ${rollupIncrementSet(table)}`;
}

/** The seven sums of a row read with the columns above, as numbers. */
export function sumsOfRow(row: RollupSumsRow): Sums {
  const sums: Sums = { ...EMPTY_SUMS };
  for (const field of ROLLUP_FIELDS) sums[field] = Number(row[ROLLUP_COLUMNS[field].name]);
  return sums;
}
