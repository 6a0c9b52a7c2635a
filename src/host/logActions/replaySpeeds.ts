/**
 * The speeds a replay offers, each with how long the replay would take at it (the original gaps divided by the
 * speed, each at most 10 s): 0.5×, 1× (the original timing), 2×, 10×, and as fast as the replay goes (100×).
 */
import * as vscode from 'vscode';
import type { LogEvent } from '../../core/events/logEvent';
import { MAX_REPLAY_SPEED, planReplay } from '../../core/messageBook';
import type { SessionKind } from '../../core/session/sendRequest';
import { seconds } from '../messageBooks/progressText';

export interface ReplaySpeed {
  factor: number;
  label: string;
}

/** The speeds offered, in order. */
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [
  { factor: 0.5, label: '0.5×' },
  { factor: 1, label: '1× (original timing)' },
  { factor: 2, label: '2×' },
  { factor: 10, label: '10×' },
  { factor: MAX_REPLAY_SPEED, label: 'as fast as possible' },
];

/** Asks for the speed; undefined when the user cancels. */
export async function pickReplaySpeed(
  events: readonly LogEvent[],
  kind: SessionKind,
): Promise<ReplaySpeed | undefined> {
  const items = REPLAY_SPEEDS.map((speed) => ({
    label: speed.label,
    description: durationAt(events, kind, speed),
    speed,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Realtime Inspector: Replay range',
    placeHolder: 'Speed of the replay (gaps over 10 s are shortened to 10 s)',
  });
  return picked?.speed;
}

function durationAt(events: readonly LogEvent[], kind: SessionKind, speed: ReplaySpeed): string {
  const plan = planReplay(events, kind, speed.factor);
  if (!plan.ok || plan.steps.length === 0) return '';
  return `about ${seconds(plan.steps[plan.steps.length - 1].atMs)}`;
}
