/**
 * The comparison panel: what was run, the takeaway, the errors, the chart and the table of a report the host
 * sends, and the buttons that ask the host to export or re-run. It says `compare/ready` on load and draws
 * whatever report arrives; it holds nothing else.
 */
import type { ComparisonReportDto, HostToCompareWebview } from '../../shared/compareProtocol';
import { DisposableStore, type Disposable } from '../disposables';
import { h, iconButton, listen, setText } from '../dom';
import type { CompareBridge } from './compareBridge';
import { renderChart } from './compareChart';
import { renderErrors } from './compareErrorList';
import { renderTable } from './compareTable';
import { takeaway, type TransportNames } from './compareTakeaway';

export class CompareApp implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly plan = h('p', { id: 'compare-plan', class: 'compare-plan' });
  private readonly takeawayLine = h('p', { id: 'compare-takeaway', class: 'compare-takeaway' });
  private readonly status = h('span', { id: 'compare-status', class: 'compare-status', attrs: { role: 'status' } });
  private readonly errors = h('section', { id: 'compare-errors', class: 'compare-errors', attrs: { hidden: true } });
  private readonly chartHolder = h('div', { class: 'chart-holder' });
  private readonly tableHolder = h('div', { class: 'table-holder' });
  private readonly buttons = {
    rerun: iconButton('compare-rerun', 'refresh', 'Re-run'),
    csv: iconButton('compare-export-csv', 'export', 'Export CSV', 'secondary'),
    json: iconButton('compare-export-json', 'export', 'Export JSON', 'secondary'),
  };
  private hasReport = false;

  constructor(root: HTMLElement, bridge: CompareBridge) {
    root.replaceChildren(this.layout());
    setText(this.takeawayLine, 'Waiting for the figures…');
    this.setBusy(true);
    const { rerun, csv, json } = this.buttons;
    this.disposables.add(listen(rerun, 'click', () => bridge.post({ type: 'compare/rerun' })));
    this.disposables.add(listen(csv, 'click', () => bridge.post({ type: 'compare/export', format: 'csv' })));
    this.disposables.add(listen(json, 'click', () => bridge.post({ type: 'compare/export', format: 'json' })));
    this.disposables.add(bridge.onMessage((message) => this.onMessage(message)));
    bridge.post({ type: 'compare/ready' });
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private layout(): HTMLElement {
    const { rerun, csv, json } = this.buttons;
    return h('main', { class: 'compare' }, [
      h('header', { class: 'compare-header' }, [
        h('h1', { text: 'Transport comparison' }),
        this.plan,
        this.takeawayLine,
        h('div', { class: 'compare-toolbar' }, [rerun, csv, json, this.status]),
      ]),
      this.errors,
      h('section', { class: 'compare-section' }, [h('h2', { text: 'Chart' }), this.chartHolder]),
      h('section', { class: 'compare-section' }, [h('h2', { text: 'Figures' }), this.tableHolder]),
    ]);
  }

  private onMessage(message: HostToCompareWebview): void {
    switch (message.type) {
      case 'compare/report':
        this.show(message.report, message.names);
        return;
      case 'compare/running':
        this.setBusy(true);
        this.setStatus(message.progress ? `Running again… ${message.progress}` : 'Running again…', 'info');
        return;
      case 'compare/idle':
        this.setBusy(false);
        this.setStatus('', 'info');
        return;
      case 'compare/status':
        this.setStatus(message.text, message.tone);
        return;
    }
  }

  private show(report: ComparisonReportDto, names: TransportNames): void {
    this.hasReport = true;
    this.setBusy(false);
    setText(this.plan, planText(report));
    setText(this.takeawayLine, takeaway(report, names));
    const errors = renderErrors(report, names);
    this.errors.replaceChildren(...errors);
    this.errors.hidden = errors.length === 0;
    this.chartHolder.replaceChildren(renderChart(report.results, names));
    this.tableHolder.replaceChildren(renderTable(report, names));
  }

  private setBusy(busy: boolean): void {
    this.buttons.rerun.disabled = busy;
    this.buttons.csv.disabled = busy || !this.hasReport;
    this.buttons.json.disabled = busy || !this.hasReport;
  }

  private setStatus(text: string, tone: 'info' | 'error'): void {
    setText(this.status, text);
    this.status.classList.toggle('error', tone === 'error');
  }
}

/** `Socket.IO · http://localhost:3000/ · 100 messages of 100 B · ack "echo" · 31 Jan 12:00:00`. */
function planText(report: ComparisonReportDto): string {
  const p = report.plan;
  const kind = p.kind === 'socketio' ? 'Socket.IO' : p.kind === 'engineio' ? 'Engine.IO' : p.kind;
  const parts = [kind, p.url];
  if (p.messages !== null && p.messageBytes !== null) parts.push(`${p.messages} messages of ${p.messageBytes} B`);
  if (p.mode) parts.push(p.event ? `${p.mode} "${p.event}"` : p.mode);
  const started = new Date(report.startedAt);
  if (!Number.isNaN(started.getTime())) parts.push(`run at ${started.toLocaleString()}`);
  return parts.join(' · ');
}
