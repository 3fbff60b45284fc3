import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  escapeProvisioningDollars,
  GENERATED_DIR,
  renderGeneratedFiles,
  repositoryRoot,
  RULES_FILE,
  stableJson,
  unescapeProvisioningDollars,
} from './generated.files.js';

const root = repositoryRoot();
const rendered = renderGeneratedFiles();

describe('generated files', () => {
  it('writes one JSON file per dashboard uid, plus the alert rules', () => {
    expect(rendered.map((f) => f.path)).toEqual([
      `${GENERATED_DIR}/onderstroom-overzicht.json`,
      `${GENERATED_DIR}/onderstroom-onderwerpen.json`,
      `${GENERATED_DIR}/onderstroom-bronnen.json`,
      `${GENERATED_DIR}/onderstroom-maatregelen.json`,
      `${GENERATED_DIR}/onderstroom-vragen.json`,
      `${GENERATED_DIR}/onderstroom-beheer.json`,
      RULES_FILE,
    ]);
  });

  it.each(rendered.map((f) => [f.path, f.content] as const))(
    '%s is committed as a fresh build renders it (run `npm run dashboards`)',
    (file, content) => {
      const committed = path.join(root, file);
      expect(fs.existsSync(committed), `${file} is missing`).toBe(true);
      expect(fs.readFileSync(committed, 'utf8')).toBe(content);
    },
  );

  it('has no stale dashboards in the generated folder', () => {
    const expected = rendered
      .filter((f) => f.path.startsWith(GENERATED_DIR))
      .map((f) => path.basename(f.path));
    const present = fs.readdirSync(path.join(root, GENERATED_DIR)).filter((name) => name.endsWith('.json'));
    expect(present.sort()).toEqual(expected.sort());
  });

  it('renders the same bytes twice', () => {
    expect(renderGeneratedFiles()).toEqual(rendered);
  });

  it('the rule file already has the formatting `prettier --check` demands', async () => {
    const rules = rendered.find((f) => f.path === RULES_FILE)!;
    const options = (await prettier.resolveConfig(path.join(root, RULES_FILE))) ?? {};
    expect(await prettier.check(rules.content, { ...options, filepath: RULES_FILE })).toBe(true);
  });
});

describe('stableJson', () => {
  it('sorts keys at every depth, drops functions, ends with a newline', () => {
    const text = stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: () => 1 } });
    expect(text).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});

describe('provisioning escapes', () => {
  it('doubles every $ so Grafana does not read ${__from} as an environment variable', () => {
    const escaped = escapeProvisioningDollars({ url: '/x?from=${__from}', list: ['$a'], n: 1 });
    expect(escaped).toEqual({ url: '/x?from=$${__from}', list: ['$$a'], n: 1 });
    expect(unescapeProvisioningDollars('/x?from=$${__from}')).toBe('/x?from=${__from}');
  });
});
