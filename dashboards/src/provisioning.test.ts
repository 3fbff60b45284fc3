import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALERT_APP_LABEL } from './anomaly.rules.js';
import { DATASOURCE_UID, INFINITY_PLUGIN_ID } from './common.js';
import { GENERATED_DIR, repositoryRoot, RULES_FILE, unescapeProvisioningDollars } from './generated.files.js';
import { PROMETHEUS_PLUGIN_ID, PROMETHEUS_UID } from './prometheus.js';

const root = repositoryRoot();
const provisioningDir = path.join(root, 'dashboards/provisioning');

type Json = Record<string, unknown>;

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const files = yamlFiles(provisioningDir);
const read = (file: string) => fs.readFileSync(file, 'utf8');
const docs = files.map((file) => ({ file, doc: parse(read(file)) as Json }));
const all = <T>(key: string): T[] =>
  docs.flatMap(({ doc }) => (Array.isArray(doc[key]) ? (doc[key] as T[]) : []));

// What Grafana sees after expanding its environment: `$$` is a literal `$`.
function unescapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return unescapeProvisioningDollars(value);
  if (Array.isArray(value)) return value.map(unescapeDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unescapeDeep(v)]));
  }
  return value;
}

interface Datasource {
  uid: string;
  type: string;
  url: string;
  jsonData: { allowedHosts: string[]; httpHeaderName1: string };
  secureJsonData: { httpHeaderValue1: string };
}
interface Receiver {
  uid: string;
  type: string;
  settings: Record<string, string | boolean>;
}
interface ContactPoint {
  name: string;
  receivers: Receiver[];
}
interface Policy {
  receiver: string;
  object_matchers?: string[][];
  routes?: Policy[];
  continue?: boolean;
}
interface Rule {
  uid: string;
  title: string;
  condition: string;
  labels: Record<string, string>;
  dashboardUid: string;
  panelId: number;
  data: Array<{ refId: string; datasourceUid: string; model: Json }>;
}

const datasources = all<Datasource>('datasources');
const contactPoints = all<ContactPoint>('contactPoints');
const policies = all<Policy>('policies');
const templates = all<{ name: string; template: string }>('templates');
const providers = all<{ type: string; folder: string; options: { path: string } }>('providers');
const rulesDoc = unescapeDeep(parse(read(path.join(root, RULES_FILE)))) as {
  groups: Array<{ folder: string; rules: Rule[] }>;
};
const rules = rulesDoc.groups.flatMap((g) => g.rules);

const dashboards = fs
  .readdirSync(path.join(root, GENERATED_DIR))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(read(path.join(root, GENERATED_DIR, f))) as Json);

const compose = parse(read(path.join(root, 'docker-compose.yml')), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
};
const grafana = compose.services.grafana!;

function datasourceUids(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => datasourceUids(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'datasource' && child !== null && typeof child === 'object' && 'uid' in child) {
        found.add(String((child as { uid: unknown }).uid));
      } else datasourceUids(child, found);
    }
  }
  return found;
}

function policyNodes(policy: Policy): Policy[] {
  return [policy, ...(policy.routes ?? []).flatMap(policyNodes)];
}

function matches(labels: Record<string, string>, matchers: string[][]): boolean {
  return matchers.every(([name = '', op, value = '']) => {
    const actual = labels[name] ?? '';
    if (op === '=') return actual === value;
    if (op === '!=') return actual !== value;
    if (op === '=~') return new RegExp(`^(?:${value})$`).test(actual);
    if (op === '!~') return !new RegExp(`^(?:${value})$`).test(actual);
    throw new Error(`unknown matcher operator ${op}`);
  });
}

/** The receivers an alert with these labels reaches, following Alertmanager's first-match-unless-continue rule. */
function route(policy: Policy, labels: Record<string, string>): string[] {
  const reached: string[] = [];
  for (const child of policy.routes ?? []) {
    if (!matches(labels, child.object_matchers ?? [])) continue;
    reached.push(...route(child, labels));
    if (child.continue !== true) return reached;
  }
  return reached.length > 0 ? reached : [policy.receiver];
}

describe('provisioning files', () => {
  it('are all read', () => {
    expect(files.map((f) => path.relative(provisioningDir, f))).toEqual([
      'alerting/contact-points.yaml',
      'alerting/onderstroom-rules.yaml',
      'alerting/policies.yaml',
      'alerting/templates.yaml',
      'dashboards/onderstroom.yaml',
      'datasources/onderstroom.yaml',
      'datasources/prometheus.yaml',
    ]);
  });

  it('provision the Onderstroom API as an Infinity datasource with the viewer key as a bearer header', () => {
    const api = datasources.find((d) => d.uid === DATASOURCE_UID);
    expect(api?.type).toBe(INFINITY_PLUGIN_ID);
    expect(api?.url).toBe('$ONDERSTROOM_API_URL');
    expect(api?.jsonData.allowedHosts).toEqual([api?.url]);
    expect(api?.jsonData.httpHeaderName1).toBe('Authorization');
    expect(api?.secureJsonData.httpHeaderValue1).toBe('Bearer $ONDERSTROOM_GRAFANA_KEY');
  });

  it('every datasource uid used by a dashboard or a rule is provisioned', () => {
    const provisioned = new Set(datasources.map((d) => d.uid));
    const used = datasourceUids(dashboards);
    for (const rule of rules) {
      for (const query of rule.data) if (query.datasourceUid !== '__expr__') used.add(query.datasourceUid);
      datasourceUids(rule.data, used);
    }
    expect(used.size).toBeGreaterThan(0);
    for (const uid of used) expect(provisioned, `datasource ${uid}`).toContain(uid);
  });

  it('the dashboard provider reads the folder docker-compose.yml mounts the generated JSON into', () => {
    const mount = grafana.volumes?.find((v) => v.startsWith(`./${GENERATED_DIR}:`));
    expect(mount).toBeDefined();
    const target = mount!.split(':')[1];
    expect(providers).toHaveLength(1);
    expect(providers[0]?.type).toBe('file');
    expect(providers[0]?.options.path).toBe(target);
    expect(providers[0]?.folder).toBe('Onderstroom');
    expect(grafana.volumes).toContain('./dashboards/provisioning:/etc/grafana/provisioning:ro');
  });

  it('alert rules link to dashboards and panels that exist, and their expressions to queries that exist', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const dashboard = dashboards.find((d) => d.uid === rule.dashboardUid);
      expect(dashboard, `${rule.uid}: dashboard ${rule.dashboardUid}`).toBeDefined();
      const panelIds = (dashboard!.panels as Json[]).map((p) => p.id);
      expect(panelIds, `${rule.uid}: panel ${rule.panelId}`).toContain(rule.panelId);
      const refIds = rule.data.map((q) => q.refId);
      expect(refIds).toContain(rule.condition);
      for (const { model } of rule.data) {
        if (typeof model.expression === 'string') expect(refIds).toContain(model.expression);
      }
    }
  });

  it('alert rules put the Grafana time range into the Infinity URL after Grafana expands the file', () => {
    const infinityRules = rules.filter((rule) => rule.data.some((q) => q.datasourceUid === DATASOURCE_UID));
    expect(infinityRules.length).toBeGreaterThan(0);
    for (const rule of infinityRules) {
      const infinity = rule.data.find((q) => q.datasourceUid === DATASOURCE_UID);
      expect(infinity?.model.url).toMatch(/from=\$\{__from\}&to=\$\{__to\}/);
    }
  });

  it('provision Prometheus as the second datasource, and the health rules query it with PromQL', () => {
    const prometheus = datasources.find((d) => d.uid === PROMETHEUS_UID);
    expect(prometheus?.type).toBe(PROMETHEUS_PLUGIN_ID);
    expect(prometheus?.url).toBe('$ONDERSTROOM_PROMETHEUS_URL');
    expect(grafana.environment?.ONDERSTROOM_PROMETHEUS_URL).toBe('http://prometheus:9090');
    const health = rules.filter((rule) => rule.data.some((q) => q.datasourceUid === PROMETHEUS_UID));
    expect(health.map((rule) => rule.uid).sort()).toEqual([
      'onderstroom-aflevering-faalt',
      'onderstroom-bron-faalt',
      'onderstroom-planner-staat-stil',
      'onderstroom-wachtrij-groeit',
    ]);
    for (const rule of health) {
      const query = rule.data.find((q) => q.datasourceUid === PROMETHEUS_UID)!;
      expect(typeof query.model.expr, rule.uid).toBe('string');
      expect(query.model.instant, rule.uid).toBe(true);
    }
  });

  it('the rule file leaves nothing for Grafana to expand from its environment', () => {
    const lines = read(path.join(root, RULES_FILE))
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'));
    expect(lines.join('\n').replaceAll('$$', '')).not.toContain('$');
    expect(lines.join('\n')).toContain('$${__from}');
  });

  it('every $NAME a provisioning file reads is passed to the Grafana container', () => {
    const names = new Set<string>();
    for (const file of files) {
      const text = read(file)
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('#'))
        .join('\n')
        .replaceAll('$$', '');
      for (const match of text.matchAll(/\$\{?(\w+)\}?/g)) names.add(match[1]!);
    }
    expect([...names].sort()).toEqual([
      'ONDERSTROOM_ALERT_EMAILS',
      'ONDERSTROOM_ALERT_TEAMS_URL',
      'ONDERSTROOM_ALERT_WEBHOOK_URL',
      'ONDERSTROOM_API_URL',
      'ONDERSTROOM_GRAFANA_KEY',
      'ONDERSTROOM_PROMETHEUS_URL',
    ]);
    for (const name of names) expect(Object.keys(grafana.environment ?? {}), name).toContain(name);
  });

  it('contact points: e-mail, Teams and webhook, unique names and uids, templates that exist', () => {
    expect(contactPoints.flatMap((c) => c.receivers.map((r) => r.type)).sort()).toEqual([
      'email',
      'teams',
      'webhook',
    ]);
    const names = contactPoints.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const uids = contactPoints.flatMap((c) => c.receivers.map((r) => r.uid));
    expect(new Set(uids).size).toBe(uids.length);
    const defined = new Set(
      templates.flatMap((t) => [...t.template.matchAll(/define "([^"]+)"/g)].map((m) => m[1])),
    );
    for (const receiver of contactPoints.flatMap((c) => c.receivers)) {
      for (const value of Object.values(receiver.settings)) {
        for (const used of String(value).matchAll(/template "([^"]+)"/g)) {
          expect(defined, `${receiver.uid} uses ${used[1]}`).toContain(used[1]);
        }
      }
    }
  });

  it('every receiver in the notification policy is a contact point, and every contact point is used', () => {
    expect(policies).toHaveLength(1);
    const names = new Set(contactPoints.map((c) => c.name));
    const receivers = new Set(policyNodes(policies[0]!).map((p) => p.receiver));
    for (const receiver of receivers) expect(names, `receiver ${receiver}`).toContain(receiver);
    for (const name of names) expect(receivers, `contact point ${name}`).toContain(name);
  });

  it("Onderstroom's rules reach Teams, webhook and e-mail; other alerts reach e-mail", () => {
    for (const rule of rules) {
      expect(rule.labels).toMatchObject(ALERT_APP_LABEL);
      expect(route(policies[0]!, rule.labels).sort()).toEqual([
        'onderstroom-email',
        'onderstroom-teams',
        'onderstroom-webhook',
      ]);
    }
    expect(route(policies[0]!, { alertname: 'iets anders' })).toEqual(['onderstroom-email']);
  });

  const alertingSchema = path.resolve(root, '../shared/fixtures/grafana/jsonschema/alerting.jsonschema.json');
  it.skipIf(!fs.existsSync(alertingSchema))(
    "contact points and the policy tree match Grafana's alerting schema (skipped without ../shared)",
    () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      ajv.addSchema(JSON.parse(read(alertingSchema)) as Json, 'alerting', undefined, false);
      const receiver = ajv.getSchema('alerting#/definitions/ContactPoint')!;
      for (const contactPoint of contactPoints) {
        for (const r of contactPoint.receivers) {
          expect(receiver({ ...r, name: contactPoint.name }), JSON.stringify(receiver.errors)).toBe(true);
        }
      }
      const policy = ajv.getSchema('alerting#/definitions/NotificationPolicy')!;
      const { orgId: _orgId, ...tree } = policies[0] as Policy & { orgId?: number };
      expect(policy(tree), JSON.stringify(policy.errors)).toBe(true);
    },
  );
});
