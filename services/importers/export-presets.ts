// Every preset, in the order auto-detection tries them and the unknown-header message lists them.
import { brandwatchPreset } from './brandwatch.preset.js';
import { coostoPreset } from './coosto.preset.js';
import { meltwaterPreset } from './meltwater.preset.js';
import { obi4wanPreset } from './obi4wan.preset.js';
import type { ExportPreset, PresetName } from './export-preset.js';
import { talkwalkerPreset } from './talkwalker.preset.js';

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  obi4wanPreset,
  coostoPreset,
  brandwatchPreset,
  meltwaterPreset,
  talkwalkerPreset,
];

export function presetByName(name: PresetName): ExportPreset {
  const preset = EXPORT_PRESETS.find((candidate) => candidate.name === name);
  if (preset === undefined) throw new RangeError(`unknown preset "${String(name)}"`);
  return preset;
}

/** What a user may choose: `auto` (detect from the header) or one preset by name. */
export const PRESET_CHOICES = ['auto', 'obi4wan', 'coosto', 'brandwatch', 'meltwater', 'talkwalker'] as const;
// Compiles only while PRESET_CHOICES names every preset.
const _everyPreset: readonly PresetName[] = PRESET_CHOICES.filter((c): c is PresetName => c !== 'auto');
void _everyPreset;
