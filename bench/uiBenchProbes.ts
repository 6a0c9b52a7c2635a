/**
 * What the UI bench injects into the panel's own frame (the webview's inner iframe, through Playwright's
 * `frame.evaluate`, which CSP does not govern): a requestAnimationFrame loop that records the gaps
 * between frames, and a click probe that times a row click until `#details` shows that row.
 */
import type { Frame, FrameLocator } from 'playwright-core';

/** State the probes keep on the webview's window. */
interface ProbeWindow {
  __riGaps?: number[];
  __riRafOn?: boolean;
  __riClick?: { seq: number; at: number; shownAt?: number };
}

/** The Frame behind a webview locator (for `evaluate`). */
export async function frameOf(panel: FrameLocator): Promise<Frame> {
  const body = await panel.locator('body').elementHandle({ timeout: 30_000 });
  const frame = await body?.ownerFrame();
  if (!frame) throw new Error("could not reach the panel's frame");
  // tsx (esbuild keepNames) wraps named inner functions in `__name(…)`: give the page a no-op one.
  await frame.evaluate('globalThis.__name ??= (fn) => fn');
  return frame;
}

/** Starts recording the gaps between animation frames. */
export async function startFrameGaps(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const gaps: number[] = [];
    w.__riGaps = gaps;
    w.__riRafOn = true;
    let last = performance.now();
    const tick = (now: number): void => {
      gaps.push(now - last);
      last = now;
      if (w.__riRafOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops the loop and returns the gaps, in ms. */
export async function stopFrameGaps(frame: Frame): Promise<number[]> {
  return frame.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    w.__riRafOn = false;
    return w.__riGaps ?? [];
  });
}

/** The gaps since the start or the last take, in ms; the loop keeps running (the soak bench's samples). */
export async function takeFrameGaps(frame: Frame): Promise<number[]> {
  return frame.evaluate(() => {
    const gaps = (window as unknown as ProbeWindow).__riGaps ?? [];
    return gaps.splice(0, gaps.length);
  });
}

/**
 * Installs the click probe: a capturing `pointerdown` notes the time and the row's seq; a
 * MutationObserver on `#details` notes when its meta line (`#<seq> · …`) is shown, not loading, and the
 * next animation frame after that (the frame that paints it) is taken as "shown".
 */
export async function installClickProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const details = document.getElementById('details');
    if (!details) throw new Error('no #details in the panel');
    document.addEventListener(
      'pointerdown',
      (event) => {
        const row = (event.target as Element | null)?.closest<HTMLElement>('.event-row');
        w.__riClick = { seq: Number(row?.dataset.seq), at: performance.now() };
      },
      true,
    );
    let painting = false;
    const check = (): void => {
      const click = w.__riClick;
      if (!click || click.shownAt !== undefined || painting || details.hasAttribute('aria-busy')) return;
      const meta = document.getElementById('details-meta');
      const text = meta && meta.offsetParent !== null ? (meta.textContent ?? '') : '';
      if (!text.startsWith(`#${click.seq} `)) return;
      painting = true;
      requestAnimationFrame(() => {
        click.shownAt = performance.now();
        painting = false;
      });
    };
    new MutationObserver(check).observe(details, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

/** The last click's seq and its click-to-details time in ms (undefined while not shown yet). */
export async function lastClick(frame: Frame): Promise<{ seq: number; ms?: number } | undefined> {
  return frame.evaluate(() => {
    const click = (window as unknown as ProbeWindow).__riClick;
    if (!click) return undefined;
    return { seq: click.seq, ms: click.shownAt === undefined ? undefined : click.shownAt - click.at };
  });
}

/** Clears the last click, so the next one is not mistaken for it. */
export async function clearClick(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    delete (window as unknown as ProbeWindow).__riClick;
  });
}
