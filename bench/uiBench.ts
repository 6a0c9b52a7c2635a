/**
 * The UI bench (issue #9, `npm run bench -- --only ui`; opt-in: it needs Chromium and takes about two
 * minutes): a real VS Code (code-server) in Chromium with the session's panel open and following the
 * tail of a paced 50,000 msg/s flood of 102-byte text frames. It measures the gaps between animation
 * frames inside the webview, the time from a row click to its details, the extension host's longest
 * event-loop stall, and — on a second session of a million events — the time a hidden panel takes to
 * show rows again after a switch to another tab and back. One run; the goals are the design's.
 */
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { startFloodServer } from '../test/fixtures/servers/floodServer';
import type { BenchFigure } from './benchResults';
import { startUiBenchEnvironment, type HostLag, type UiBenchEnvironment } from './uiBenchEnvironment';
import { clearClick, frameOf, installClickProbe, lastClick, startFrameGaps, stopFrameGaps } from './uiBenchProbes';
import * as steps from './uiBenchSteps';

export interface UiBenchOptions {
  /** Frames per second of the paced flood. */
  uiRate?: number;
  /** Seconds of animation frames measured under the flood. */
  uiSeconds?: number;
  /** Events of the scale session. */
  uiScaleEvents?: number;
}

const CLICKS = 10;
const CLICK_INTERVAL_MS = 600;
const TAB_SWITCHES = 3;
/** The flood runs for at most this long; the server is closed once the measurements are done. */
const FLOOD_CAP_S = 120;

export async function uiBench(options: UiBenchOptions = {}): Promise<BenchFigure[]> {
  const rate = options.uiRate ?? 50_000;
  const seconds = options.uiSeconds ?? 10;
  const env = await startUiBenchEnvironment();
  try {
    const flood = await floodFigures(env, rate, seconds);
    console.log(`ui: flood figures ${JSON.stringify(flood)}`);
    const scale = await scaleFigures(env.page, options.uiScaleEvents ?? 1_000_000);
    return [...flood, ...scale];
  } catch (error) {
    await env.page.screenshot({ path: 'test-results/ui/uibench-failed.png' }).catch(() => undefined);
    throw error;
  } finally {
    await env.dispose();
  }
}

/** The paced flood: animation-frame gaps, then row clicks, with the host's stalls over both. */
async function floodFigures(env: UiBenchEnvironment, rate: number, seconds: number): Promise<BenchFigure[]> {
  const server = await startFloodServer({ frames: rate * FLOOD_CAP_S, ratePerSecond: rate });
  try {
    const panel = await steps.connectSession(env.page, server.url);
    const frame = await frameOf(panel);
    await steps.waitUntil('the flood to reach the panel', async () => (await steps.countShown(panel)) > rate, 30_000);
    await env.hostLag(); // starts the monitor and resets it: the figures cover the flood from here on
    const sentBefore = server.framesSent;
    const t0 = Date.now();
    await startFrameGaps(frame);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const gaps = await stopFrameGaps(frame);
    const achieved = ((server.framesSent - sentBefore) * 1000) / (Date.now() - t0);
    const clicks = await clickRows(panel, frame);
    const lag = await env.hostLag();
    const shown = await steps.countShown(panel);
    const flood = `${Math.round(achieved)} msg/s achieved, panel at ${shown} of ${server.framesSent} sent`;
    return [...frameGapFigures(gaps, flood), ...clickFigures(clicks), hostLagFigure(lag, flood)];
  } finally {
    await server.close();
  }
}

function frameGapFigures(gaps: readonly number[], flood: string): BenchFigure[] {
  const baseline = `${gaps.length} frames, ${flood}`;
  return [
    { name: 'ui: animation-frame gap p50', value: steps.percentile(gaps, 50), unit: 'ms', baseline },
    { name: 'ui: animation-frame gap p95', value: steps.percentile(gaps, 95), unit: 'ms', goal: '< 50', baseline },
    { name: 'ui: animation-frame gap max', value: Math.max(...gaps), unit: 'ms', baseline },
  ];
}

function clickFigures(clicks: readonly number[]): BenchFigure[] {
  const baseline = `${clicks.length} clicks under the flood, pointerdown to the painted #details`;
  return [
    { name: 'ui: row click to details, median', value: steps.percentile(clicks, 50), unit: 'ms', goal: '< 100' },
    { name: 'ui: row click to details, p95', value: steps.percentile(clicks, 95), unit: 'ms', goal: '< 100', baseline },
  ];
}

function hostLagFigure(lag: HostLag | undefined, flood: string): BenchFigure {
  const name = 'ui: extension-host longest event-loop stall';
  if (!lag) return { name, value: NaN, unit: 'ms', goal: '< 100', baseline: 'diagnostics command not registered' };
  const { p50, p95 } = lag.eventLoopDelay;
  const baseline = `delay p50 ${p50} / p95 ${p95} ms over ${Math.round(lag.sinceMs / 1000)} s, ${flood}`;
  return { name, value: lag.eventLoopDelay.max, unit: 'ms', goal: '< 100', baseline };
}

/** Clicks a row CLICKS times, each on a panel that follows the tail again; returns the times in ms. */
async function clickRows(panel: FrameLocator, frame: Frame): Promise<number[]> {
  await installClickProbe(frame);
  const times: number[] = [];
  for (let i = 0; i < CLICKS; i++) {
    const pill = panel.locator('#jump-to-latest');
    if (await pill.isVisible()) await pill.click({ timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, CLICK_INTERVAL_MS));
    await clearClick(frame);
    await panel.locator('.event-row:not([hidden])').nth(3).click({ force: true, timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const click = await lastClick(frame);
      if (click?.ms !== undefined && Number.isFinite(click.seq)) {
        times.push(click.ms);
        break;
      }
      if (Date.now() > deadline) throw new Error(`the details of row #${click?.seq} did not show`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return times;
}

/** A million events, not paced: then away to another tab and back, until the panel shows rows again. */
async function scaleFigures(page: Page, events: number): Promise<BenchFigure[]> {
  await steps.runCommand(page, 'View: Close All Editors');
  const server = await startFloodServer({ frames: events });
  const times: number[] = [];
  try {
    // A million frames unpaced: the session may be closed ("flood done") before the panel is looked at.
    const panel = await steps.connectSession(page, server.url, /^\s*(open|closing|closed)\s*$/);
    const loaded = async (): Promise<boolean> => (await steps.countShown(panel)) >= events;
    await steps.waitUntil(`${events} events in the panel`, loaded, 240_000);
    const label = await steps.activeTabLabel(page);
    for (let i = 0; i < TAB_SWITCHES; i++) {
      await steps.openReadme(page);
      await page.waitForTimeout(1000);
      times.push(await steps.timeTabBackToRows(page, label));
      await page.waitForTimeout(500);
    }
  } finally {
    await server.close();
  }
  const baseline = `${events} events; ${TAB_SWITCHES} switches: ${times.map(Math.round).join(', ')} ms`;
  const name = 'ui: tab back to rows, 1M-event session, median';
  return [{ name, value: steps.percentile(times, 50), unit: 'ms', goal: '< 300', baseline }];
}
