import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type RawBuilder,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { ROLLUP_FIELDS, type RollupIncrement } from '../ingest/rollup-increments.js';
import {
  QUESTION_ROLLUP_FIELDS,
  ROLLUP_COLUMNS,
  rollupColumnList,
  rollupIncrementSet,
  rollupFilled,
  rollupSums,
  sumsOfRow,
  upsertIncrementsSql,
} from './rollup-columns.js';

// Compiles SQL without a database, so the statements' text and parameters can be read.
const db = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const compiled = (builder: RawBuilder<unknown>) => builder.compile(db);
const text = (builder: RawBuilder<unknown>) => compiled(builder).sql.replace(/\s+/g, ' ').trim();

const COLUMNS = ['n', 'n_pos', 'n_neu', 'n_neg', 'score_sum', 'reach_sum', 'engagement_sum'];

describe('rollup columns', () => {
  it('has one column per rollup field, in the order of ROLLUP_FIELDS', () => {
    expect(Object.keys(ROLLUP_COLUMNS)).toEqual([...ROLLUP_FIELDS]);
    expect(ROLLUP_FIELDS.map((field) => ROLLUP_COLUMNS[field].name)).toEqual(COLUMNS);
  });

  it('lists the columns, of an alias when given', () => {
    expect(text(rollupColumnList())).toBe(COLUMNS.map((c) => `"${c}"`).join(', '));
    expect(text(rollupColumnList('s'))).toBe(COLUMNS.map((c) => `"s"."${c}"`).join(', '));
  });

  it('sums each column under its own name, with or without coalesce', () => {
    expect(text(rollupSums({ coalesce: true }))).toBe(
      COLUMNS.map((c) => `coalesce(sum("${c}"), 0)::int8 as "${c}"`).join(', '),
    );
    expect(text(rollupSums({ alias: 'r', coalesce: false }))).toBe(
      COLUMNS.map((c) => `sum("r"."${c}")::int8 as "${c}"`).join(', '),
    );
    expect(text(rollupFilled('r'))).toBe(COLUMNS.map((c) => `coalesce("r"."${c}", 0) as "${c}"`).join(', '));
  });

  it('upserts increments as one array per column and adds each sum on conflict', () => {
    const rows: RollupIncrement[] = [
      {
        sourceKind: 'rss',
        topic: 'all',
        bucket: 0,
        n: 1,
        nPos: 2,
        nNeu: 3,
        nNeg: 4,
        scoreSum: 5,
        reachSum: 6,
        engagementSum: 7,
      },
      {
        sourceKind: 'all',
        topic: 'zorg',
        bucket: 300_000,
        n: -1,
        nPos: 0,
        nNeu: -1,
        nNeg: 0,
        scoreSum: -250,
        reachSum: 0,
        engagementSum: 9,
      },
    ];
    const statement = compiled(upsertIncrementsSql('rollups_1h', rows));
    const sqlText = statement.sql.replace(/\s+/g, ' ');
    expect(sqlText).toContain(
      `insert into "rollups_1h" (source_kind, topic, bucket, ${COLUMNS.map((c) => `"${c}"`).join(', ')})`,
    );
    expect(sqlText).toContain(
      'unnest( $1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[], $9::bigint[], $10::bigint[])',
    );
    for (const c of COLUMNS) expect(sqlText).toContain(`"${c}" = "rollups_1h"."${c}" + excluded."${c}"`);
    expect(statement.parameters).toEqual([
      ['rss', 'all'],
      ['all', 'zorg'],
      ['1970-01-01T00:00:00.000Z', '1970-01-01T00:05:00.000Z'],
      ...ROLLUP_FIELDS.map((field) => rows.map((row) => row[field])),
    ]);
  });

  it('adds the five sums of the question rollups on conflict, and none they do not have', () => {
    expect(text(rollupIncrementSet('question_rollups_5m', QUESTION_ROLLUP_FIELDS))).toBe(
      ['n', 'n_pos', 'n_neu', 'n_neg', 'score_sum']
        .map((c) => `"${c}" = "question_rollups_5m"."${c}" + excluded."${c}"`)
        .join(', '),
    );
  });

  it('reads a row of int8 text into numbers', () => {
    expect(
      sumsOfRow({
        n: '3',
        n_pos: '1',
        n_neu: 1,
        n_neg: '1',
        score_sum: '-120',
        reach_sum: '9000000000',
        engagement_sum: '0',
      }),
    ).toEqual({ n: 3, nPos: 1, nNeu: 1, nNeg: 1, scoreSum: -120, reachSum: 9_000_000_000, engagementSum: 0 });
  });
});
