// The report's charts as SVG, drawn in Node by vega from vega-lite specs (no canvas, no browser): the SVG is embedded
// in the HTML, so the report works offline and prints sharp. Colours and fonts follow the web pages' style.
import type { TopLevelSpec } from 'vega-lite';
import type { ReportChart } from './weekly-report-model.js';

const THIS_WEEK_COLOUR = '#154273'; // Rijksoverheid dark blue, as the pages' headings
const LAST_WEEK_COLOUR = '#8fa9c7';
const FONT = 'Noto Sans, DejaVu Sans, Arial, sans-serif';
const WIDTH = 560;
const HEIGHT = 170;

function spec(chart: ReportChart): TopLevelSpec {
  const series = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: ['Deze week', 'Vorige week'], range: [THIS_WEEK_COLOUR, LAST_WEEK_COLOUR] },
    legend: { orient: 'top' as const, direction: 'horizontal' as const },
  };
  const x = {
    field: 'x',
    type: 'nominal' as const,
    title: null,
    sort: null,
    // Every day keeps its place on the axis, also a day without data (which has no share to draw).
    scale: { domain: [...new Set(chart.points.map((p) => p.x))] },
    axis: { labelAngle: chart.points.length > 16 ? -30 : 0, labelLimit: 110 },
  };
  const config = {
    font: FONT,
    axis: { labelFontSize: 10, titleFontSize: 10, gridColor: '#e6e6e6' },
    legend: { labelFontSize: 10 },
    view: { stroke: null },
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    config,
    data: { values: chart.points },
  };
  if (chart.kind === 'bars')
    return {
      ...base,
      mark: { type: 'bar', tooltip: false },
      encoding: {
        x,
        xOffset: { field: 'series', sort: ['Deze week', 'Vorige week'] },
        y: {
          field: 'value',
          type: 'quantitative',
          title: chart.yTitle,
          axis: { format: 'd', tickMinStep: 1 },
        },
        color: series,
      },
    };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: chart.yTitle,
    axis: { format: '.0%' },
    scale: { domain: [0, 1] },
  };
  return {
    ...base,
    transform: [{ filter: 'datum.value != null' }],
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        encoding: {
          x,
          y: { field: 'low', type: 'quantitative', scale: { domain: [0, 1] } },
          y2: { field: 'high' },
          color: series,
        },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x, y, color: series },
      },
    ],
  };
}

/** The chart as one SVG element (no XML prolog), with its title and description for screen readers. */
export async function chartSvg(chart: ReportChart): Promise<string> {
  // Loaded on the first chart, not at start: vega and vega-lite add about 45 MB to every process that imports them.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = compile(spec(chart)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // role="img" and a <title>/<desc> pair: the figure is announced as one image with its figures read out.
    return svg
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" `)
      .replace(
        /^(<svg[^>]*>)/,
        `$1<title id="${chart.id}-title">${escaped(chart.title)}</title><desc id="${chart.id}-desc">${escaped(chart.description)}</desc>`,
      );
  } finally {
    view.finalize();
  }
}
