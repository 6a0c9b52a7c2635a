/**
 * What went wrong, per transport: our words and the stable code, and what the session itself reported when it
 * adds something. A server's words can be in there (a refusal's message): text nodes only, never markup.
 */
import type { ComparisonErrorDto, ComparisonReportDto } from '../../shared/compareProtocol';
import { h } from '../dom';
import type { TransportNames } from './compareTakeaway';

/** One entry per error of the report (the plan's own, or each transport's); none when all went well. */
export function renderErrors(report: ComparisonReportDto, names: TransportNames): HTMLElement[] {
  if (report.error) return [entry('The comparison', report.error, 'plan')];
  return report.results.filter((r) => r.error).map((r) => entry(names[r.transport], r.error!, r.transport));
}

function entry(who: string, error: ComparisonErrorDto, key: string): HTMLElement {
  const lines: HTMLElement[] = [
    h('p', { class: 'compare-error-line' }, [
      h('strong', { text: `${who}: ` }),
      error.message,
      ' ',
      h('code', { text: error.code }),
    ]),
  ];
  const cause = error.cause;
  if (cause && !error.message.includes(cause.message)) {
    lines.push(
      h('p', { class: 'compare-error-cause' }, [
        'The session reported: ',
        cause.message,
        ' ',
        h('code', { text: cause.code }),
      ]),
    );
  } else if (cause) {
    lines.push(h('p', { class: 'compare-error-cause' }, ['Session error code: ', h('code', { text: cause.code })]));
  }
  return h('div', { class: 'compare-error', attrs: { 'data-transport': key, role: 'group' } }, lines);
}
