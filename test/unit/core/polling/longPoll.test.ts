/**
 * Long-polling against a real chat server with a cursor (issue 11): the cursor read from each answer feeds the
 * next request (query or JSON body), each request/response pair carries hold time, gap, bytes and timing, and
 * close() during a held request stops cleanly — the server sees no further request.
 */
import assert from 'node:assert/strict';
import { eventually, payloadText, sleep, waitForEvent, waitForState } from '../../support/sessions';
import { rows, usePollFixture } from './pollFixture';

describe('long-polling: chat with a cursor', function () {
  this.timeout(15000);
  const fixture = usePollFixture();

  it('reads the cursor from each answer and sends it in the next request’s query', async () => {
    const server = await fixture.server({ holdMs: 5000 });
    const session = fixture.session({ url: `${server.origin}/chat/poll`, cursor: { from: '$.cursor', to: 'cursor' } });
    void session.start();
    await eventually(() => server.heldPolls() === 1, 'the first poll is held');
    server.post('hello');
    await eventually(() => server.heldPolls() === 1 && server.requestsTo('/chat/poll').length === 2, 'second poll');
    server.post('world');
    await eventually(() => server.heldPolls() === 1 && server.requestsTo('/chat/poll').length === 3, 'third poll');

    const sentCursors = server.requestsTo('/chat/poll').map((r) => r.url.searchParams.get('cursor'));
    assert.deepEqual(sentCursors, [null, '1', '2'], 'no cursor first, then the one each answer gave');
    const requests = rows(session, 'poll-request');
    assert.equal(new URL(requests[1].meta?.request?.url ?? '').searchParams.get('cursor'), '1');
    assert.equal(requests[1].layer, 'poll');
    assert.deepEqual(requests[2].meta?.poll?.cursor, { before: '2' });
    const responses = rows(session, 'poll-response');
    assert.deepEqual(
      responses.map((r) => r.meta?.poll?.cursor),
      [{ after: '1' }, { before: '1', after: '2' }],
    );
    assert.match(payloadText(responses[0]) ?? '', /"text":"hello"/);
    assert.equal(responses[0].parent, requests[0].seq, 'a response is the child of its request');
    assert.match(responses[1].meta?.note ?? '', /cursor 1 → 2/);
  });

  it('can put the cursor into a POST’s JSON body instead, keeping its JSON type', async () => {
    const server = await fixture.server({ holdMs: 5000 });
    server.post('already there');
    const session = fixture.session({
      url: `${server.origin}/chat/poll`,
      method: 'POST',
      body: '{"room":"lobby"}',
      cursor: { from: '$.messages[-1].id', to: 'body.cursor' },
    });
    void session.start();
    await eventually(() => server.requestsTo('/chat/poll').length === 2 && server.heldPolls() === 1, 'second poll');

    const [first, second] = server.requestsTo('/chat/poll');
    assert.equal(first.method, 'POST');
    assert.deepEqual(JSON.parse(first.body), { room: 'lobby' });
    assert.deepEqual(JSON.parse(second.body), { room: 'lobby', cursor: 1 }, 'a number stays a number');
    assert.equal(second.headers['content-type'], 'application/json');
    const sentRow = rows(session, 'poll-request')[1];
    assert.equal(payloadText(sentRow), second.body, 'the request row shows the body as sent');
    assert.equal(sentRow.meta?.request?.method, 'POST');
  });

  it('measures hold time, gap, bytes and the timing split of each exchange', async () => {
    const server = await fixture.server({ holdMs: 5000 });
    const session = fixture.session({ url: `${server.origin}/chat/poll`, cursor: { from: '$.cursor', to: 'cursor' } });
    const started = session.start();
    await eventually(() => server.heldPolls() === 1, 'the first poll is held');
    await sleep(200);
    server.post('after a while');
    assert.equal(await started, 'open', 'open after the first answer');
    await eventually(() => server.requestsTo('/chat/poll').length === 2 && server.heldPolls() === 1, 'second poll');
    server.post('at once');
    await waitForEvent(session, (e) => e.type === 'poll-response' && e.meta?.poll?.cursor?.after === '2');

    const [held, quick] = rows(session, 'poll-response').map((r) => r.meta?.poll ?? {});
    assert.ok(held.holdMs! >= 190 && held.holdMs! < 4000, `held ~200 ms, not the server's hold (${held.holdMs})`);
    assert.equal(held.gapMs, undefined, 'the first request has no gap before it');
    assert.ok(quick.gapMs! >= 0 && quick.gapMs! < 1000, `asked again at once (gap ${quick.gapMs} ms)`);
    assert.ok(held.firstByteMs! <= held.holdMs!, 'the first byte comes before the end');
    assert.equal(held.reusedConnection, false, 'the first request opened a connection…');
    assert.ok(held.connectMs! >= 0, '…and its connect time was measured');
    assert.equal(held.empty, false);
    const response = rows(session, 'poll-response')[0];
    const body = response.payload?.byteLength ?? 0;
    assert.ok(held.responseBytes! > body + 50, 'response bytes count the status line and headers too');
    const request = rows(session, 'poll-request')[0];
    assert.ok(held.requestBytes! > request.meta!.request!.url!.length - server.origin.length, 'request bytes');
    assert.equal(session.info.bytesOut >= held.requestBytes!, true);
    assert.equal(session.info.messagesIn, 2);
    const open = rows(session, 'open')[0];
    assert.equal(open.parent, response.seq, 'the open row points at the first answer');
    assert.ok(session.info.handshakeMs! >= held.holdMs! - 1);
  });

  it('close() during a held request aborts it, and the server sees no further request', async () => {
    const server = await fixture.server({ holdMs: 5000 });
    const session = fixture.session({ url: `${server.origin}/chat/poll`, cursor: { from: '$.cursor', to: 'cursor' } });
    void session.start();
    await eventually(() => server.heldPolls() === 1, 'the first poll is held');
    await session.close();

    assert.equal(session.info.state, 'closed');
    const requestSeq = rows(session, 'poll-request')[0].seq;
    assert.match(
      session.info.closeSummary ?? '',
      new RegExp(`closed by the client \\(request #${requestSeq} aborted\\)`),
    );
    await eventually(() => server.heldPolls() === 0, 'the server saw the held request go away');
    server.post('nobody listens');
    await sleep(300);
    assert.equal(server.requestsTo('/chat/poll').length, 1, 'no request after close()');
    assert.equal(rows(session, 'poll-response').length, 0, 'an aborted request has no response row');
    assert.deepEqual(rows(session, 'error'), [], 'closing is not an error');
    assert.equal(rows(session, 'closed').length, 1);
  });

  it('waits at least the floor after an empty answer that came back at once', async () => {
    const server = await fixture.server();
    const session = fixture.session({ url: `${server.origin}/empty` });
    void session.start();
    await eventually(() => rows(session, 'poll-response').length === 2, 'a second answer');
    await session.close();

    const [first, second] = rows(session, 'poll-response').map((r) => r.meta?.poll ?? {});
    const startToStart = first.holdMs! + second.gapMs!;
    assert.ok(startToStart >= 498, `no flood after an empty answer (${startToStart} ms from start to start)`);
    assert.equal(server.requestsTo('/empty').length, 2);
    assert.equal(rows(session, 'poll-response')[0].meta?.poll?.empty, true, '204 is empty');
  });

  it('asks an endpoint that answers at once with data at most ten times a second', async () => {
    const server = await fixture.server();
    const session = fixture.session({ url: `${server.origin}/status` });
    void session.start();
    await sleep(550);
    await session.close();

    const answers = rows(session, 'poll-response').length;
    assert.ok(answers >= 2 && answers <= 7, `${answers} answers in 550 ms`);
    const polls = rows(session, 'poll-response').map((r) => r.meta?.poll ?? {});
    for (let i = 1; i < polls.length; i++) assert.ok(polls[i].gapMs! + polls[i - 1].holdMs! >= 98);
  });

  it('states its facts and refuses to send', async () => {
    const server = await fixture.server({ holdMs: 100 });
    const session = fixture.session({ url: `${server.origin}/chat/poll` });
    await session.start();
    await waitForState(session, 'open');
    const outcome = session.send({ kind: 'text', text: 'hi' });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.code, 'RI_INVALID_MESSAGE');
    assert.match(outcome.error.message, /long-polling session cannot send .*"text".*it sends nothing/);
    await session.close();
    assert.equal(session.info.kind as string, 'longpoll');
    assert.equal(session.info.messagesOut, rows(session, 'poll-request').length);
    assert.equal(session.info.messagesIn, rows(session, 'poll-response').length);
    const bytesIn = rows(session, 'poll-response').reduce((n, r) => n + (r.meta?.poll?.responseBytes ?? 0), 0);
    assert.equal(session.info.bytesIn, bytesIn);
  });
});
