/**
 * HAR export of a redirected WebSocket handshake (issue 12): the log holds one handshake request/response pair per
 * hop (302 → 307 → 101, across two origins). The export pairs each request with its own answer: one entry per hop
 * in order, each redirect with its status and `redirectURL` (the Location as the server sent it) and no messages,
 * the final 101 carrying the messages; each hop's connect timing its own; credentials masked on every hop, and the
 * far origin's request without them (they were not sent). Imported back, the same hops and messages come back.
 */
import assert from 'node:assert/strict';
import { importHar } from '../../../../src/core/exchange/harImport';
import type { Session } from '../../../../src/core/session/session';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { newSession, ofType, waitForEvent } from '../../support/sessions';
import { allEvents, assertChromeReadable, DEADLINE_MS, harOf, memoryLog } from './exchangeFixture';

const TOKEN = 'hop-secret-789';

const base64Text = (data: string): string => Buffer.from(data, 'base64').toString('utf8');

describe('HAR export of a redirected WebSocket handshake (issue 12)', function () {
  this.timeout(20_000);
  let near: HopServer;
  let far: HopServer;
  let live: Session;

  before(async () => {
    [near, far] = [await startHopServer(), await startHopServer()];
    near.route('/start', { redirect: 302, location: '/mid' });
    near.route('/mid', { redirect: 307, location: `${far.origin}/socket` });
    far.route('/socket', { websocket: true });
    live = newSession({
      url: `${near.wsOrigin}/start`,
      followRedirects: true,
      headers: [['Authorization', `Bearer ${TOKEN}`]],
    });
    assert.equal(await live.start(), 'open');
    assert.ok(live.send({ kind: 'text', text: 'through two hops' }).ok);
    await waitForEvent(live, (e) => e.direction === 'in' && e.type === 'message', DEADLINE_MS);
    await live.close();
    assert.equal(ofType(live, 'handshake-request').length, 3, 'the log holds three handshakes');
  });
  after(async () => {
    live.dispose();
    await near.close();
    await far.close();
  });

  it('one entry per hop, in order: each redirect with its status and Location, the 101 with the messages', async () => {
    const { log } = await harOf(live);
    assertChromeReadable(log);
    const hops = log.entries.map((e) => [e.request.url, e.response.status, e.response.redirectURL]);
    assert.deepEqual(hops, [
      [`${near.wsOrigin}/start`, 302, '/mid'],
      [`${near.wsOrigin}/mid`, 307, `${far.origin}/socket`],
      [`${far.wsOrigin}/socket`, 101, ''],
    ]);
    const [first, second, last] = log.entries;
    assert.equal(first._webSocketMessages, undefined, 'a redirect carries no messages');
    assert.equal(second._webSocketMessages, undefined);
    // The hop server echoes as binary: the second message is the same bytes, base64 in the file.
    assert.deepEqual(
      last._webSocketMessages!.map((m) => [m.type, m.opcode, m.opcode === 2 ? base64Text(m.data) : m.data]),
      [
        ['send', 1, 'through two hops'],
        ['receive', 2, 'through two hops'],
      ],
    );
    // Each hop starts when its connecting began and ends with its answer, before the next hop starts.
    const end = (i: number): number => Date.parse(log.entries[i].startedDateTime) + log.entries[i].time;
    const start = (i: number): number => Date.parse(log.entries[i].startedDateTime);
    assert.ok(end(0) <= start(1) + 1 && end(1) <= start(2) + 1, 'hops in order, start + time within the hop');
    const connects = allEvents(live)
      .filter((e) => e.type === 'tcp-connected')
      .map((e) => e.meta?.durationMs);
    assert.deepEqual(
      log.entries.map((e) => e.timings.connect),
      connects,
      'each hop has its own connect time',
    );
  });

  it('credentials masked on every hop that sent them; the far origin’s request has none', async () => {
    const { text, log } = await harOf(live);
    assert.ok(!text.includes(TOKEN), 'the token is nowhere in the file');
    const authorization = (i: number): string | undefined =>
      log.entries[i].request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value;
    assert.match(authorization(0) ?? '', /^Bearer •+$/);
    assert.match(authorization(1) ?? '', /^Bearer •+$/);
    assert.equal(authorization(2), undefined, 'not sent to another origin, so not in its entry');
  });

  it('imported back: each hop’s answer paired with its own request, the messages after the 101', async () => {
    const { text } = await harOf(live, { sanitize: false });
    const outcome = await importHar(text, { logFactory: memoryLog });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    const rows = allEvents(outcome.session);
    const bySeq = new Map(rows.map((e) => [e.seq, e]));
    const pairs = rows
      .filter((e) => e.type === 'handshake-response')
      .map((e) => [bySeq.get(e.meta!.requestSeq!)?.meta?.request?.url, e.meta?.response?.status]);
    assert.deepEqual(pairs, [
      [`${near.wsOrigin}/start`, 302],
      [`${near.wsOrigin}/mid`, 307],
      [`${far.wsOrigin}/socket`, 101],
    ]);
    const upgraded = rows.find((e) => e.meta?.response?.status === 101)!;
    const messages = rows.filter((e) => e.layer === 'ws' && e.type === 'message');
    assert.deepEqual(
      messages.map((e) => e.direction),
      ['out', 'in'],
    );
    assert.ok(
      messages.every((e) => e.seq > upgraded.seq),
      'the messages follow the 101',
    );
  });
});
