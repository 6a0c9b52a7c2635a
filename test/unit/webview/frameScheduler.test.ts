import * as assert from 'node:assert/strict';
import { FrameScheduler, type FrameTimer } from '../../../src/webview/frameScheduler';

function manualFrames(): FrameTimer & { step(): void; booked(): number } {
  const frames = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb) => {
      frames.set(next, cb);
      return next++;
    },
    cancel: (h) => {
      frames.delete(h);
    },
    step: () => {
      const cbs = [...frames.values()];
      frames.clear();
      cbs.forEach((cb) => cb());
    },
    booked: () => frames.size,
  };
}

describe('webview FrameScheduler', () => {
  it('coalesces many schedules into one render per frame', () => {
    const frames = manualFrames();
    let renders = 0;
    const scheduler = new FrameScheduler(() => renders++, frames);
    for (let i = 0; i < 100; i++) scheduler.schedule();
    assert.equal(frames.booked(), 1);
    frames.step();
    assert.equal(renders, 1);
    scheduler.schedule();
    frames.step();
    assert.equal(renders, 2);
  });

  it('lets a render book the next frame', () => {
    const frames = manualFrames();
    let renders = 0;
    const scheduler: FrameScheduler = new FrameScheduler(() => {
      if (++renders === 1) scheduler.schedule();
    }, frames);
    scheduler.schedule();
    frames.step();
    frames.step();
    assert.equal(renders, 2);
  });

  it('cancels on dispose and ignores later schedules', () => {
    const frames = manualFrames();
    let renders = 0;
    const scheduler = new FrameScheduler(() => renders++, frames);
    scheduler.schedule();
    scheduler.dispose();
    scheduler.schedule();
    frames.step();
    assert.equal(renders, 0);
    assert.equal(frames.booked(), 0);
  });
});
