// TypeBox's schema errors as one sentence per place; used by the config loader and the sources schema, so it lives
// apart from both (sources.schema.ts importing the loader, which imports it, was a cycle).
export interface SchemaError {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Turns TypeBox's errors into one sentence per place, merging the alternatives of a union. */
export function describeSchemaErrors(errors: SchemaError[]): { path: string[]; message: string }[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    if (error.keyword === 'boolean') continue; // duplicate of the additionalProperties error
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const out: { path: string[]; message: string }[] = [];
  for (const [pointer, list] of byPath) {
    const path = pointerToPath(pointer);
    const constants = list
      .filter((e) => e.keyword === 'const')
      .map((e) => JSON.stringify(e.params.allowedValue));
    const extra = list.find((e) => e.keyword === 'additionalProperties');
    const required = list.filter((e) => e.keyword === 'required');
    if (extra) {
      const keys = (extra.params.additionalProperties as string[] | undefined) ?? [];
      out.push({
        path,
        message: `unknown key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')}`,
      });
    }
    for (const error of required) {
      const missing = (error.params.requiredProperties as string[] | undefined) ?? [];
      out.push({ path, message: `missing required key ${missing.map((k) => `"${k}"`).join(', ')}` });
    }
    if (constants.length > 0) {
      out.push({ path, message: `must be one of ${constants.join(', ')}` });
      continue;
    }
    for (const error of list) {
      if (['additionalProperties', 'required', 'anyOf', 'const'].includes(error.keyword)) continue;
      out.push({ path, message: error.message });
    }
  }
  return out;
}
