// The shapes of /api/v1/imports: the summary of `onderstroom import --json` with the import's state and progress.
import { Type } from '@fastify/type-provider-typebox';

const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Rejected = Type.Object({ row: Type.Integer(), reason: Type.String() });
const Repeated = Type.Object({ row: Type.Integer(), duplicateOf: Type.Integer(), reason: Type.String() });

const ImportFields = {
  id: Type.String(),
  state: Type.Union(
    [
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('done'),
      Type.Literal('failed'),
      Type.Literal('interrupted'),
    ],
    {
      description: 'interrupted: its worker died; the import starts again by itself while its file is stored',
    },
  ),
  file: Type.String({ description: 'the file name as it was handed in' }),
  preset: Type.String(),
  origin: Type.Union([Type.Literal('cli'), Type.Literal('upload'), Type.Literal('folder')]),
  requestedBy: Type.Union([Type.String(), Type.Null()], {
    description: 'user:<name>, key:<name> or folder:<source>; null for the CLI',
  }),
  rows: Type.Integer({ description: 'rows read so far' }),
  imported: Type.Integer(),
  duplicates: Type.Integer(),
  rejectedCount: Type.Integer(),
  pastRetention: Type.Union([
    Type.Object({ rows: Type.Integer(), retentionDays: Type.Integer() }),
    Type.Null(),
  ]),
  seconds: Type.Number(),
  bytesRead: Type.Integer(),
  bytesTotal: Type.Integer(),
  queuedAt: When,
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: When,
  rowsPerSecond: Type.Union([Type.Integer(), Type.Null()], {
    description: 'rows read per second of running (so far, or over the whole run)',
  }),
  secondsLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'while running, from bytes read' }),
  error: Type.Union([Type.String(), Type.Null()]),
};

export const ImportListItem = Type.Object(ImportFields);

export const ImportView = Type.Object({
  ...ImportFields,
  rejected: Type.Array(Rejected, { description: 'the first 10,000 rejected rows with their reasons' }),
  repeatedRows: Type.Array(Repeated),
});

export const ImportAccepted = Type.Object({
  id: Type.String(),
  existing: Type.Boolean({ description: 'the same file was handed in before: this is that import' }),
  state: ImportFields.state,
});
