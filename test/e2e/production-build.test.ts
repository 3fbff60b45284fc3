// The production build (`npm run build`, dist/) and the image hold what the service runs, and nothing that serves
// only development: no benchmark, fit script, generator, test or evaluation set (tools/ is built apart).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT } from '../support/cli.js';

/** Of `files` (relative to the project root, sources or compiled), those that serve only development. */
function developmentOnly(files: readonly string[]): string[] {
  return files.filter((file) => {
    const parts = file.split(/[\\/]/);
    const name = parts[parts.length - 1] ?? '';
    return (
      ['tools', 'test', 'scripts'].includes(parts[0] ?? '') ||
      parts.slice(0, 2).join('/') === 'assets/evaluation' ||
      parts.includes('testdata') ||
      /\.(bench|fit|build|test)\.[cm]?[jt]s$/.test(name) ||
      name.startsWith('bench-') ||
      name.startsWith('synthetic-export')
    );
  });
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('the production build', () => {
  it('knows a development file when it sees one', () => {
    const seen = developmentOnly([
      'tools/bench-ingest.js',
      'tools/importers/synthetic-export.js',
      'services/importers/synthetic-export.js',
      'services/nlp/sentiment.fit.js',
      'services/nlp/model/model.bench.ts',
      'services/nlp/pattern-lexicon.build.js',
      'scripts/make-sample-export.js',
      'test/fakes/fake-api.js',
      'assets/evaluation/posts-3class.jsonl',
      'services/importers/testdata/utf16.csv',
      'services/nlp/enricher.js',
      'services/nlp/sentiment-nl.fitted.js',
      'dashboards/src/build.js',
      'assets/model/default-nl.model.bin',
      'workers/main.js',
    ]);
    expect(seen).toEqual([
      'tools/bench-ingest.js',
      'tools/importers/synthetic-export.js',
      'services/importers/synthetic-export.js',
      'services/nlp/sentiment.fit.js',
      'services/nlp/model/model.bench.ts',
      'services/nlp/pattern-lexicon.build.js',
      'scripts/make-sample-export.js',
      'test/fakes/fake-api.js',
      'assets/evaluation/posts-3class.jsonl',
      'services/importers/testdata/utf16.csv',
    ]);
  });

  it('compiles no development file, not even one a production module imports', async () => {
    // --listFilesOnly resolves every import as the build does, without type checking or writing anything.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--listFilesOnly'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    const compiled = stdout
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => path.relative(ROOT, line.trim()))
      .filter((file) => !file.startsWith('..') && !file.split(/[\\/]/).includes('node_modules'));
    expect(compiled).toContain('services/cli/main.ts');
    expect(developmentOnly(compiled)).toEqual([]);
  });

  it('leaves dist/ with the service alone', () => {
    assertBuilt();
    const dist = path.join(ROOT, 'dist');
    expect(fs.readdirSync(dist).sort()).toEqual(['dashboards', 'migrations', 'services', 'workers']);
    const built = filesUnder(dist);
    expect(built).toContain(path.join('services', 'cli', 'main.js'));
    expect(developmentOnly(built)).toEqual([]);
  });

  it('keeps tools, evaluation sets and test data out of the image', () => {
    const ignored = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['tools', 'test', 'assets/evaluation', '**/testdata', '**/*.test.ts'])
      expect(ignored).toContain(entry);
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n');
    // What each COPY takes from the context: its arguments but the options and the destination.
    const copied = dockerfile
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) => line.split(/\s+/).slice(1, -1))
      .filter((source) => !source.startsWith('--'));
    expect(copied).toContain('services');
    expect(developmentOnly(copied)).toEqual([]);
    expect(dockerfile).toContain('RUN npm run build \\');
  });
});
