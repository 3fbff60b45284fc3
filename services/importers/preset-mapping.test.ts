import { describe, expect, it } from 'vitest';

import { EXPORT_PRESETS } from './export-presets.js';
import { mappingKeys } from './preset-mapping.js';

describe('preset mappings', () => {
  it.each(EXPORT_PRESETS.map((preset) => [preset.name, preset] as const))(
    '%s reads only columns it declares',
    (_name, preset) => {
      const declared = new Set(preset.columns.map((column) => column.key));
      expect(mappingKeys(preset.mapping).filter((key) => !declared.has(key))).toEqual([]);
    },
  );
});
