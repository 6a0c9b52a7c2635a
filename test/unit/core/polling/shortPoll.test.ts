/**
 * Short polling against a real status endpoint (issue 11): one request every `intervalMs`, start to start,
 * never two at once; empty answers (204, an empty body, `[]`, `{}`) are marked; a cursor that the answers do
 * not carry is a warning on the row, not a failure; close() between two requests sends no other.
 */
import assert from 'node:assert/strict';
import { eventually, sleep } from '../../support/sessions';
import { rows, usePollFixture } from './pollFixture';

describe('short polling', function () {
  this.timeout(15000);
  const fixture = usePollFixture();

  it('keeps its interval from one request’s start to the next', async () => {
    const server = await fixture.server();
    const intervalMs = 150;
    const session = fixture.session({ kind: 'shortpoll', url: `${server.origin}/status`, intervalMs });
    void session.start();
    await eventually(() => rows(session, 'poll-response').length >= 4, 'four answers', 5000);
    await session.close();

    const polls = rows(session, 'poll-response').map((r) => r.meta?.poll ?? {});
    for (let i = 1; i < polls.length; i++) {
      // The gap after an answer plus that answer's hold time is the time from one request's start to the next.
      const startToStart = polls[i].gapMs! + polls[i - 1].holdMs!;
      assert.ok(startToStart >= intervalMs - 1.5, `never sooner than the interval (${startToStart} ms)`);
      assert.ok(startToStart < intervalMs + 1000, `nor much later (${startToStart} ms)`);
    }
    assert.equal(server.requestsTo('/status').length, rows(session, 'poll-request').length, 'no other requests');
    assert.match(rows(session, 'connecting')[0].meta?.note ?? '', /Short polling: GET .*every 150 ms/);
  });

  it('marks empty answers: 204, [], {}, an empty body — and not a body with data', async () => {
    const server = await fixture.server();
    const session = fixture.session({ kind: 'shortpoll', url: `${server.origin}/empty`, intervalMs: 100 });
    void session.start();
    await eventually(() => rows(session, 'poll-response').length >= 5, 'five answers', 5000);
    await session.close();

    const answers = rows(session, 'poll-response').slice(0, 5);
    assert.deepEqual(
      answers.map((r) => [r.meta?.response?.status, r.meta?.poll?.empty]),
      [
        [204, true],
        [200, true],
        [200, true],
        [200, true],
        [200, false],
      ],
    );
    assert.match(answers[1].meta?.note ?? '', /empty/);
  });

  it('warns on the row when the cursor path finds nothing, and keeps polling', async () => {
    const server = await fixture.server();
    const session = fixture.session({
      kind: 'shortpoll',
      url: `${server.origin}/status`,
      intervalMs: 100,
      cursor: { from: '$.cursor', to: 'since' },
    });
    void session.start();
    await eventually(() => rows(session, 'poll-response').length >= 2, 'two answers');
    await session.close();

    const warning = rows(session, 'poll-response')[0].meta?.warning ?? '';
    assert.match(warning, /Cursor \$\.cursor: "cursor" is missing; the next request keeps no cursor/);
    assert.equal(server.requestsTo('/status')[1].url.searchParams.get('since'), null);
  });

  it('sends nothing more once closed between two requests', async () => {
    const server = await fixture.server();
    const session = fixture.session({ kind: 'shortpoll', url: `${server.origin}/status`, intervalMs: 200 });
    assert.equal(await session.start(), 'open');
    await session.close();
    await sleep(500);

    assert.equal(server.requestsTo('/status').length, 1);
    assert.equal(session.info.closeSummary, 'closed by the client', 'nothing was in flight');
    assert.equal(session.info.state, 'closed');
  });
});
