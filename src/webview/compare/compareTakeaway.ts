/**
 * The one line above the figures that says what they mean, computed from them in our own words: "Compared with
 * HTTP long-polling, WebSocket used 4.3× fewer bytes per message and answered 6.1× faster (median)." Ratios are
 * polling's figure over WebSocket's; within 5% of each other counts as "about the same". Pure, unit-tested.
 */
import type { ComparedTransport, ComparisonReportDto, TransportResultDto } from '../../shared/compareProtocol';

export type TransportNames = Record<ComparedTransport, string>;

/** Ratios closer to 1 than this read as "about the same". */
const SAME_WITHIN = 1.05;

/** The takeaway of `report`; `names` are the transports' names (from the host). */
export function takeaway(report: ComparisonReportDto, names: TransportNames): string {
  if (report.error) return `The comparison did not run (${report.error.code}): see the error below.`;
  const polling = report.results.find((r) => r.transport === 'polling-only');
  const websocket = report.results.find((r) => r.transport === 'websocket-only');
  // Only a transport that sent messages has figures to compare (a refused upgrade still counts one request).
  const exchanged = report.results.filter((r) => r.sent > 0);
  if (exchanged.length === 0) return withNote('Neither transport exchanged any message: see the errors below.', report);
  if (!polling || !websocket || exchanged.length === 1) return withNote(onlyOne(exchanged[0], names), report);
  return withNote(bothTransports(polling, websocket, names), report);
}

/** "Compared with HTTP long-polling, WebSocket used … and answered …." */
function bothTransports(polling: TransportResultDto, websocket: TransportResultDto, names: TransportNames): string {
  const bytes = ratioOf(polling.bytesPerMessage.total, websocket.bytesPerMessage.total);
  const speed = ratioOf(polling.rtt.median, websocket.rtt.median);
  const parts: Array<{ text: string; favours: number }> = [];
  if (bytes !== undefined) parts.push({ text: bytesWords(bytes), favours: Math.sign(bytes - 1) });
  if (speed !== undefined) parts.push({ text: speedWords(speed), favours: Math.sign(speed - 1) });
  if (parts.length === 0) return 'Both transports ran, but no message was answered on both: nothing to compare.';
  const opening = `Compared with ${names['polling-only']}, ${names['websocket-only']}`;
  const [first, second] = parts;
  if (!second) return `${opening} ${first.text}.`;
  // "but" when one figure favours WebSocket and the other favours polling.
  const joint = first.favours * second.favours < 0 ? 'but' : 'and';
  return `${opening} ${first.text} ${joint} ${second.text}.`;
}

function bytesWords(ratio: number): string {
  if (isAboutSame(ratio)) return 'used about as many bytes per message';
  return ratio > 1 ? `used ${times(ratio)} fewer bytes per message` : `used ${times(1 / ratio)} more bytes per message`;
}

function speedWords(ratio: number): string {
  if (isAboutSame(ratio)) return 'answered about as fast (median)';
  return ratio > 1 ? `answered ${times(ratio)} faster (median)` : `answered ${times(1 / ratio)} slower (median)`;
}

function onlyOne(result: TransportResultDto, names: TransportNames): string {
  const others = (Object.keys(names) as ComparedTransport[]).filter((t) => t !== result.transport);
  const other = others.map((t) => names[t]).join(' and ');
  return `Only ${names[result.transport]} exchanged messages: ${other} did not get that far.`;
}

/** The run's state after the sentence: cancelled, or a transport that sent messages did not finish well. */
function withNote(sentence: string, report: ComparisonReportDto): string {
  if (report.cancelled) return `${sentence} (Cancelled: the figures are partial.)`;
  if (report.results.some((r) => r.sent > 0 && !r.ok)) return `${sentence} (Not every message was answered.)`;
  return sentence;
}

/** `a / b` when both are positive finite numbers. */
function ratioOf(a: number | null, b: number | null): number | undefined {
  if (a === null || b === null || !(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return a / b;
}

function isAboutSame(ratio: number): boolean {
  return ratio < SAME_WITHIN && ratio > 1 / SAME_WITHIN;
}

/** `4.3×` below 10, `12×` from 10 on. */
function times(ratio: number): string {
  return ratio >= 9.95 ? `${Math.round(ratio)}×` : `${ratio.toFixed(1)}×`;
}
