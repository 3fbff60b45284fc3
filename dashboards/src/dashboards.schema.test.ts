import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeSeriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { buildDashboards } from './dashboards.js';
import { GENERATED_DIR, repositoryRoot, RULES_FILE, toPlainJson } from './generated.files.js';

const root = repositoryRoot();
const schemaDir = path.resolve(root, '../shared/fixtures/grafana/jsonschema');
const sdkOutput = path.resolve(
  root,
  '../shared/fixtures/grafana/foundation-sdk/dashboard.sdk-0.0.21.output.json',
);
const haveSchemas = fs.existsSync(path.join(schemaDir, 'dashboard.jsonschema.json'));

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;

// The published schema turns three of Grafana's "any value" fields (CUE `_`) into "must be an object", so the
// foundation SDK's own output fails it: a variable's object `query` (its values), an override matcher's `options`
// (a field name for byName) and an override property's `value` (a unit, a number, a list of links). Only these
// three nodes are relaxed to "any"; the tests below show the SDK's own output needs exactly that.
const ANY_VALUE_NODES: ReadonlyArray<{ definition: string; path: Array<string | number> }> = [
  { definition: 'VariableModel', path: ['properties', 'query', 'oneOf', 1, 'additionalProperties'] },
  { definition: 'MatcherConfig', path: ['properties', 'options'] },
  { definition: 'DynamicConfigValue', path: ['properties', 'value'] },
];

function relaxAnyValueNodes(schema: Json): Json {
  const copy = structuredClone(schema);
  const definitions = copy.definitions as Record<string, unknown>;
  for (const { definition, path: nodePath } of ANY_VALUE_NODES) {
    const parentPath = nodePath.slice(0, -1);
    const key = nodePath[nodePath.length - 1]!;
    let parent = definitions[definition] as Record<string | number, unknown> | undefined;
    for (const step of parentPath) parent = parent?.[step] as Record<string | number, unknown> | undefined;
    if (parent?.[key] === undefined)
      throw new Error(`${definition}.${nodePath.join('.')} has changed; revisit`);
    parent[key] = {};
  }
  return copy;
}

function loadSchemas(): { ajv: Ajv; dashboard: ValidateFunction; strictDashboard: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  let dashboardSchema: Json | undefined;
  for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json'))) {
    const schema = readJson(path.join(schemaDir, file));
    if (file === 'dashboard.jsonschema.json') dashboardSchema = schema;
    // common.jsonschema.json has a duplicate enum item (ScaleDirection), which strict meta-validation rejects.
    ajv.addSchema(schema, file, undefined, false);
  }
  if (dashboardSchema === undefined) throw new Error('dashboard.jsonschema.json missing');
  return {
    ajv,
    dashboard: ajv.compile(relaxAnyValueNodes(dashboardSchema)),
    strictDashboard: ajv.getSchema('dashboard.jsonschema.json') as ValidateFunction,
  };
}

const describeWithSchemas = describe.skipIf(!haveSchemas);
if (!haveSchemas) {
  console.warn(`skipping Grafana schema validation: ${schemaDir} is missing (../shared not checked out)`);
}

describeWithSchemas(`dashboards against Grafana's dashboard JSON schema (${schemaDir})`, () => {
  const schemas = haveSchemas ? loadSchemas() : undefined;
  const built = buildDashboards().map((d) => toPlainJson(d) as Json);
  const committed = fs
    .readdirSync(path.join(root, GENERATED_DIR))
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJson(path.join(root, GENERATED_DIR, f)));

  const errorsOf = (validate: ValidateFunction, value: unknown) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);

  it('the dashboard schema itself is a valid draft-07 schema', () => {
    expect(schemas?.ajv.validateSchema(readJson(path.join(schemaDir, 'dashboard.jsonschema.json')))).toBe(
      true,
    );
  });

  it("the SDK's recorded output fails the published schema only in a variable's query object", () => {
    if (!fs.existsSync(sdkOutput) || schemas === undefined) return;
    const fixture = readJson(sdkOutput);
    const strictErrors = errorsOf(schemas.strictDashboard, fixture);
    expect(strictErrors.length).toBeGreaterThan(0);
    expect(strictErrors.every((e) => /^\/templating\/list\/\d+\/query/.test(e))).toBe(true);
    expect(errorsOf(schemas.dashboard, fixture)).toEqual([]);
  });

  it('a field override built by the SDK fails the published schema and passes the relaxed one', () => {
    const panel = new TimeSeriesPanelBuilder()
      .title('x')
      .overrideByName('Negatief', [{ id: 'unit', value: 'short' }]);
    const dashboard = toPlainJson(new DashboardBuilder('x').uid('x').withPanel(panel).build());
    const strictErrors = errorsOf(schemas!.strictDashboard, dashboard);
    expect(strictErrors).toContain('/panels/0/fieldConfig/overrides/0/matcher/options must be object');
    expect(strictErrors).toContain('/panels/0/fieldConfig/overrides/0/properties/0/value must be object');
    expect(errorsOf(schemas!.dashboard, dashboard)).toEqual([]);
  });

  it.each(built.map((d) => [d.uid as string, d] as const))(
    'built dashboard %s validates',
    (_uid, dashboard) => {
      expect(errorsOf(schemas!.dashboard, dashboard)).toEqual([]);
    },
  );

  it('committed dashboards validate', () => {
    expect(committed.length).toBe(built.length);
    for (const dashboard of committed) expect(errorsOf(schemas!.dashboard, dashboard)).toEqual([]);
  });

  it('still rejects a broken dashboard (the validator is live)', () => {
    const broken = structuredClone(built[0]) as Json;
    (broken.panels as Json[])[0]!.gridPos = { x: 30, y: 0, w: 12, h: 8 };
    expect(errorsOf(schemas!.dashboard, broken).length).toBeGreaterThan(0);
  });

  it("panel options and custom field config validate against the panel type's schema", () => {
    let checked = 0;
    for (const dashboard of built) {
      for (const panel of dashboard.panels as Json[]) {
        const type = panel.type as string;
        const options = schemas!.ajv.getSchema(`${type}.jsonschema.json#/definitions/Options`);
        if (options !== undefined) {
          expect(errorsOf(options, panel.options), `${type} "${String(panel.title)}" options`).toEqual([]);
          checked += 1;
        }
        const fieldConfig = schemas!.ajv.getSchema(`${type}.jsonschema.json#/definitions/FieldConfig`);
        const custom = ((panel.fieldConfig as Json | undefined)?.defaults as Json | undefined)?.custom;
        if (fieldConfig !== undefined && custom !== undefined) {
          expect(errorsOf(fieldConfig, custom), `${type} "${String(panel.title)}" custom`).toEqual([]);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('alert rule expressions validate against the server-side expression schema', () => {
    const file = parse(fs.readFileSync(path.join(root, RULES_FILE), 'utf8')) as {
      groups: Array<{ rules: Array<{ data: Array<{ datasourceUid: string; model: Json }> }> }>;
    };
    const expressions = file.groups
      .flatMap((g) => g.rules.flatMap((r) => r.data))
      .filter((q) => q.datasourceUid === '__expr__');
    expect(expressions.length).toBeGreaterThan(0);
    for (const { model } of expressions) {
      const definition =
        model.type === 'reduce' ? 'TypeReduce' : model.type === 'threshold' ? 'TypeThreshold' : '';
      const validate = schemas!.ajv.getSchema(`expr.jsonschema.json#/definitions/${definition}`);
      expect(validate, `no schema for expression type ${String(model.type)}`).toBeDefined();
      expect(errorsOf(validate!, model)).toEqual([]);
    }
  });
});
