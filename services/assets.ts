// The one way code finds a file under assets/ (data that ships: taxonomy, model; evaluation sets for tools/tests).
// Source (vitest, tsx) runs from services/, compiled code from dist/services/: one level deeper.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOTS = ['../assets/', '../../assets/'];

/** Absolute path of `name` (e.g. `topics.default.yaml`, `model/default-nl.model.bin`) under assets/, or null. */
export function findAsset(name: string): string | null {
  for (const root of ROOTS) {
    const file = fileURLToPath(new URL(root + name, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** Absolute path of `name` under assets/; throws when this build does not ship it. */
export function assetPath(name: string): string {
  const file = findAsset(name);
  if (file === null)
    throw new Error(`assets/${name} not found (looked beside ${fileURLToPath(import.meta.url)})`);
  return file;
}
