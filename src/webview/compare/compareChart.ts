/**
 * The chart: horizontal SVG bars, one group per metric (setup, round trip median and p95, bytes per message,
 * HTTP requests), one bar per transport, each group on its own scale (its largest value is the full width).
 * Every bar is labelled with its transport and its value, so colour is never the only cue; the colours come
 * from CSS classes over --vscode-charts-* (media/compare.css), with borders in high contrast. The table is the
 * chart's text alternative (aria-describedby). Built with createElementNS only.
 */
import type { ComparedTransport, TransportResultDto } from '../../shared/compareProtocol';
import { svg } from '../dom';
import { CHART_FIGURES, formatFigure, type Figure } from './compareFigures';
import { TABLE_ID } from './compareTable';
import type { TransportNames } from './compareTakeaway';

const WIDTH = 640;
const LABEL_WIDTH = 130;
const VALUE_WIDTH = 100;
const BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const LEGEND_HEIGHT = 28;
const TITLE_HEIGHT = 20;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const GROUP_GAP = 14;
/** A value above zero is drawn at least this wide, so it never looks like no value. */
const MIN_BAR = 2;

/** Builds the chart of `results`. */
export function renderChart(results: readonly TransportResultDto[], names: TransportNames): SVGSVGElement {
  const groupHeight = TITLE_HEIGHT + results.length * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
  const height = LEGEND_HEIGHT + CHART_FIGURES.length * groupHeight;
  const chart = svg('svg', {
    id: 'compare-chart',
    class: 'compare-chart',
    viewBox: `0 0 ${WIDTH} ${height}`,
    role: 'img',
    'aria-label': 'Bar chart of the figures: each group compares the transports on one figure',
    'aria-describedby': TABLE_ID,
  });
  chart.append(legend(results, names));
  CHART_FIGURES.forEach((figure, index) => {
    chart.append(group(figure, results, names, LEGEND_HEIGHT + index * groupHeight));
  });
  return chart;
}

function legend(results: readonly TransportResultDto[], names: TransportNames): SVGGElement {
  const items = svg('g', { class: 'chart-legend', 'aria-hidden': 'true' });
  let x = 0;
  for (const r of results) {
    items.append(
      svg('rect', { class: `bar bar-${r.transport}`, x, y: 4, width: 12, height: 12 }),
      svg('text', { class: 'chart-text', x: x + 18, y: 14 }, [names[r.transport]]),
    );
    x += 40 + names[r.transport].length * 8;
  }
  return items;
}

function group(
  figure: Figure,
  results: readonly TransportResultDto[],
  names: TransportNames,
  top: number,
): SVGGElement {
  const values = results.map((r) => figure.value(r));
  const largest = Math.max(0, ...values.map((v) => (v !== null && Number.isFinite(v) ? v : 0)));
  const g = svg('g', { class: 'chart-group', 'data-metric': figure.id }, [
    svg('text', { class: 'chart-title', x: 0, y: top + 14 }, [figure.chartLabel]),
  ]);
  results.forEach((result, index) => {
    const y = top + TITLE_HEIGHT + index * (BAR_HEIGHT + BAR_GAP);
    g.append(...barRow(figure, result.transport, values[index], largest, y, names));
  });
  return g;
}

function barRow(
  figure: Figure,
  transport: ComparedTransport,
  value: number | null,
  largest: number,
  y: number,
  names: TransportNames,
): SVGElement[] {
  const text = formatFigure(value, figure.unit);
  const middle = y + BAR_HEIGHT / 2 + 4;
  const label = svg('text', { class: 'chart-text chart-label', x: LABEL_WIDTH - 8, y: middle }, [names[transport]]);
  if (value === null || !Number.isFinite(value)) {
    const none = svg('text', { class: 'chart-text chart-none', x: LABEL_WIDTH, y: middle }, ['no figure']);
    return [label, none];
  }
  const width = largest > 0 && value > 0 ? Math.max(MIN_BAR, (value / largest) * BAR_SPACE) : 0;
  const bar = svg('rect', {
    class: `bar bar-${transport}`,
    x: LABEL_WIDTH,
    y,
    width: round(width),
    height: BAR_HEIGHT,
    'data-metric': figure.id,
    'data-transport': transport,
    'data-value': value,
  });
  bar.append(svg('title', {}, [`${names[transport]}, ${figure.label}: ${text}`]));
  const valueText = svg('text', { class: 'chart-text chart-value', x: round(LABEL_WIDTH + width + 6), y: middle }, [
    text,
  ]);
  return [label, bar, valueText];
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
