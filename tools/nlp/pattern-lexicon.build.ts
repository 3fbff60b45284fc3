// Turns pattern's Dutch adjective lexicon (XML, one element per word sense) into the compact table the scorer
// ships: one line per word form with its mean polarity and intensity over senses, as pattern itself averages them.
// Run after `npm run build:tools`: node dist-tools/tools/nlp/pattern-lexicon.build.js [lexicon.xml] [out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PatternSense {
  form: string;
  pos: string;
  polarity: number;
  subjectivity: number;
  intensity: number;
}

function attribute(element: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(element);
  return match ? (match[1] ?? null) : null;
}

/** Reads every `<word .../>` element; throws naming the element when a number does not parse. */
export function parsePatternXml(xml: string): PatternSense[] {
  const senses: PatternSense[] = [];
  const elements = xml.match(/<word\s[^>]*\/>/g) ?? [];
  for (const element of elements) {
    const form = attribute(element, 'form');
    const polarity = Number(attribute(element, 'polarity'));
    const subjectivity = Number(attribute(element, 'subjectivity') ?? '1');
    const intensity = Number(attribute(element, 'intensity') ?? '1');
    if (
      form === null ||
      form.length === 0 ||
      !Number.isFinite(polarity) ||
      !Number.isFinite(subjectivity) ||
      !Number.isFinite(intensity)
    ) {
      throw new Error(`pattern lexicon: cannot read element ${element.slice(0, 120)}`);
    }
    // Some senses carry the tag in 'sense' and leave 'pos' empty (pattern's own quirk for inflected forms).
    let pos = attribute(element, 'pos') ?? '';
    const sense = attribute(element, 'sense') ?? '';
    if (pos === '' && /^[A-Z]{2,3}$/.test(sense)) pos = sense;
    senses.push({ form, pos, polarity, subjectivity, intensity });
  }
  return senses;
}

/** One line per form: `form polarity subjectivity intensity pos`, sorted, numbers with two decimals. */
export function compactPatternLexicon(senses: readonly PatternSense[]): string {
  const byForm = new Map<string, PatternSense[]>();
  for (const sense of senses) {
    const key = sense.form.toLowerCase();
    const list = byForm.get(key);
    if (list) list.push(sense);
    else byForm.set(key, [sense]);
  }
  const lines: string[] = [];
  for (const [form, list] of [...byForm.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (/\s/.test(form)) continue;
    const polarity = list.reduce((s, x) => s + x.polarity, 0) / list.length;
    const subjectivity = list.reduce((s, x) => s + x.subjectivity, 0) / list.length;
    const intensity = list.reduce((s, x) => s + x.intensity, 0) / list.length;
    const posCounts = new Map<string, number>();
    for (const x of list) posCounts.set(x.pos || 'JJ', (posCounts.get(x.pos || 'JJ') ?? 0) + 1);
    const pos = [...posCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'JJ';
    lines.push(`${form} ${polarity.toFixed(2)} ${subjectivity.toFixed(2)} ${intensity.toFixed(2)} ${pos}`);
  }
  return lines.join('\n');
}

/** assets/lexicons/pattern-nl.json: the attribution and the table, one line per word form (see its README). */
export function renderPatternData(table: string): string {
  const data = {
    attribution: 'pattern nl-sentiment 1.2, Tom De Smedt & Walter Daelemans, CLiPS (PDDL)',
    table: table.split('\n'),
  };
  return JSON.stringify(data, null, 2) + '\n';
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const input = process.argv[2] ?? '../shared/data/sentiment/pattern-nl-sentiment.xml';
  const output = process.argv[3] ?? 'assets/lexicons/pattern-nl.json';
  const senses = parsePatternXml(readFileSync(input, 'utf8'));
  const table = compactPatternLexicon(senses);
  writeFileSync(output, renderPatternData(table));
  console.log(JSON.stringify({ senses: senses.length, forms: table.split('\n').length, output }));
}
