/**
 * The table of figures, one column per transport, one row per figure; also the chart's text alternative.
 * Every cell carries `data-metric`, `data-transport` and, for numbers, the unrounded `data-value`. Built with
 * createElement and textContent only: error messages can quote a server.
 */
import type { ComparisonReportDto, TransportResultDto } from '../../shared/compareProtocol';
import { h } from '../dom';
import { answeredText, formatFigure, TABLE_FIGURES, type Figure } from './compareFigures';
import type { TransportNames } from './compareTakeaway';

/** The id of the table, which the chart names as its text alternative. */
export const TABLE_ID = 'compare-table';

/** Builds the table for `report`. */
export function renderTable(report: ComparisonReportDto, names: TransportNames): HTMLTableElement {
  const results = report.results;
  const head = h('thead', {}, [
    h('tr', {}, [
      h('th', { text: 'Figure', attrs: { scope: 'col' } }),
      ...results.map((r) =>
        h('th', { class: `transport-head transport-${r.transport}`, attrs: { scope: 'col' } }, [
          h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }),
          names[r.transport],
        ]),
      ),
    ]),
  ]);
  const rows = [
    ...TABLE_FIGURES.map((figure) => figureRow(figure, results)),
    textRow('answered', 'Answered / sent', results, answeredText),
    textRow('errors', 'Errors', results, errorText),
  ];
  return h('table', { id: TABLE_ID, class: 'compare-table' }, [
    h('caption', { class: 'sr-only', text: 'Figures of each transport' }),
    head,
    h('tbody', {}, rows),
  ]);
}

function figureRow(figure: Figure, results: readonly TransportResultDto[]): HTMLTableRowElement {
  return h('tr', { attrs: { 'data-metric': figure.id } }, [
    h('th', { text: figure.label, attrs: { scope: 'row' } }),
    ...results.map((r) => {
      const value = figure.value(r);
      const attrs = { 'data-metric': figure.id, 'data-transport': r.transport, 'data-value': value ?? undefined };
      return h('td', { class: 'number', text: formatFigure(value, figure.unit), attrs });
    }),
  ]);
}

function textRow(
  id: string,
  label: string,
  results: readonly TransportResultDto[],
  text: (result: TransportResultDto) => string,
): HTMLTableRowElement {
  return h('tr', { attrs: { 'data-metric': id } }, [
    h('th', { text: label, attrs: { scope: 'row' } }),
    ...results.map((r) => h('td', { text: text(r), attrs: { 'data-metric': id, 'data-transport': r.transport } })),
  ]);
}

/** The error's code in the table; its words are in the errors list under it. */
function errorText(result: TransportResultDto): string {
  return result.error ? result.error.code : 'none';
}
