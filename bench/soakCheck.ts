/**
 * The soak bench's final check (issue 12: "no event lost"), made where the user would look: the panel's
 * filter, which the host runs over the whole log, memory and disk. It counts the numbered messages
 * (`{"n":`): N of the N sent, none lost. Then it looks up message 1, message N, eight numbers in between and the
 * marker: each must be in the log once, at increasing seqs (a doubled or misplaced message would show; other
 * rows, such as "Reading paused", may sit between messages, so the seqs are not expected to be contiguous).
 * The filters run one after the other; the checks in filterMatches tell each new view from the one before.
 */
import type { FrameLocator } from 'playwright-core';
import type { SoakCheck, SoakProbe } from './soakFigures';
import { waitUntil } from './uiBenchSteps';

/** How long one filter may take to scan the log (a 30-minute run holds nine million events). */
const FILTER_TIMEOUT_MS = 15 * 60_000;
/** Messages looked up between message 1 and the last one. */
const PROBES_BETWEEN = 8;

async function countText(panel: FrameLocator): Promise<string> {
  return ((await panel.locator('#event-count').textContent({ timeout: 10_000 })) ?? '').trim();
}

/** The leading number of a count line ("1,234 of 9,000,012"). */
function leadingNumber(text: string): number {
  return Number(/^[\d,]+/.exec(text)?.[0].replace(/,/g, '') ?? NaN);
}

/**
 * Sets the filter to `text` and waits until the panel shows the new view, complete: the count reads "N of M"
 * (not "N+ so far") with N below M (each filter here leaves out the session's own rows), the first row shown
 * holds `text` (the view of the previous filter does not), and both stay so for one more poll.
 */
async function filterMatches(
  panel: FrameLocator,
  text: string,
): Promise<{ count: number; seq: number; preview: string }> {
  await panel.locator('#filter').fill(text);
  const row = panel.locator('.event-row:not([hidden])').first();
  let seen = '';
  let result = { count: NaN, seq: NaN, preview: '' };
  await waitUntil(
    `the filter ${text} to finish`,
    async () => {
      const line = await countText(panel);
      const total = Number(/ of ([\d,]+)/.exec(line)?.[1].replace(/,/g, '') ?? NaN);
      const count = leadingNumber(line);
      if (/so far/.test(line) || !(count < total)) return false;
      const preview =
        (await row
          .locator('.col-preview')
          .textContent({ timeout: 5_000 })
          .catch(() => '')) ?? '';
      const seq = Number(await row.getAttribute('data-seq', { timeout: 5_000 }).catch(() => NaN));
      const now = `${line}|${seq}|${preview}`;
      const settled = preview.includes(text) && now === seen;
      seen = now;
      result = { count, seq, preview };
      return settled;
    },
    FILTER_TIMEOUT_MS,
  );
  return result;
}

/** Message numbers to look for: 1, `sent` and `between` evenly spaced in between (each one filter run). */
export function probeNumbers(sent: number, between: number): number[] {
  const inner = Array.from({ length: between }, (_, i) => Math.round(((i + 1) * sent) / (between + 1)));
  return [...new Set([1, ...inner, sent].filter((n) => n >= 1 && n <= sent))];
}

/** Checks the log once the feed has ended and the panel shows its marker; `sent` is the server's count. */
export async function checkDelivery(panel: FrameLocator, sent: number): Promise<SoakCheck> {
  const all = await filterMatches(panel, '{"n":');
  const probes: SoakProbe[] = [];
  for (const n of probeNumbers(sent, PROBES_BETWEEN)) {
    const { count, seq } = await filterMatches(panel, `{"n":${n},`);
    probes.push({ n, count, seq });
  }
  const marker = await filterMatches(panel, '"soak-end"');
  await panel.locator('#filter').fill('');
  const markerSent = Number(/"sent":(\d+)/.exec(marker.preview)?.[1] ?? NaN);
  return { sent, received: all.count, probes, marker: { n: markerSent, count: marker.count, seq: marker.seq } };
}
