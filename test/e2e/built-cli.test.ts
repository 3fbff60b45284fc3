// The end-to-end tests run dist/: a dist older than the sources must stop them with a clear message, not be
// tested as if it were the code under review.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, staleBuildOutputs } from '../support/cli.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function checkout(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onderstroom-built-'));
  made.push(root);
  const write = (file: string, at: number) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), '// x\n');
    fs.utimesSync(path.join(root, file), at, at);
  };
  const before = Date.now() / 1000 - 3600;
  write('services/cli/main.ts', before);
  write('services/nlp/enricher.ts', before);
  write('services/nlp/enricher.test.ts', before + 1800);
  write('dist/services/cli/main.js', before + 60);
  write('dist/services/nlp/enricher.js', before + 60);
  return root;
}

describe('assertBuilt', () => {
  it('passes when every compiled file is at least as new as its source (tests are not compiled)', () => {
    const root = checkout();
    expect(staleBuildOutputs(root)).toEqual([]);
    expect(() => assertBuilt(root)).not.toThrow();
  });

  it('names the sources changed since the last build, and a source never built', () => {
    const root = checkout();
    fs.utimesSync(path.join(root, 'services/nlp/enricher.ts'), new Date(), new Date());
    fs.writeFileSync(path.join(root, 'services/nlp/new.module.ts'), '// y\n');
    expect(staleBuildOutputs(root)).toEqual([
      path.join('services', 'nlp', 'enricher.ts'),
      path.join('services', 'nlp', 'new.module.ts'),
    ]);
    expect(() => assertBuilt(root)).toThrow(/dist\/ is older than the sources .*enricher\.ts.*npm run build/);
  });

  it('says the CLI is not built when dist is missing', () => {
    const root = checkout();
    fs.rmSync(path.join(root, 'dist'), { recursive: true });
    expect(() => assertBuilt(root)).toThrow(/the CLI is not built/);
  });
});
