// The payloads the fakes serve, read from test/fixtures/feeds (see SOURCES.md there). Found from the project root,
// so the fakes work from the TypeScript sources (tests) and from dist/ (the poll benchmark) alike.
import fs from 'node:fs';
import path from 'node:path';

function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json) above the fakes');
    dir = parent;
  }
  return dir;
}

const FEEDS = path.join(projectRoot(), 'test/fixtures/feeds');

export function fixtureText(file: string): string {
  return fs.readFileSync(path.join(FEEDS, file), 'utf8');
}

export function fixtureJson<T>(file: string): T {
  return JSON.parse(fixtureText(file)) as T;
}
