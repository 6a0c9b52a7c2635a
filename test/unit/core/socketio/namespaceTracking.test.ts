/**
 * Issue #7, defect 1: only namespaces the user asked for are tracked. A CONNECT, CONNECT_ERROR or
 * DISCONNECT for any other namespace is logged with a warning on its row and changes no state; a
 * flood of them neither grows the namespace list nor rebuilds it per packet.
 */
import assert from 'node:assert/strict';
import type { SessionInfo } from '../../../../src/core/session/session';
import { ofType, waitForEvent } from '../../support/sessions';
import { RS, startHandPlayedSio, type HandPlayedSio } from './handPlayedSioServer';

/** Enough to have blocked the old quadratic bookkeeping for about a minute. */
const UNSOLICITED_CONNECTS = 20_000;

describe('Socket.IO namespace tracking', function () {
  this.timeout(20000);
  let played: HandPlayedSio | undefined;

  afterEach(async () => {
    await played?.stop();
    played = undefined;
  });

  it(
    `${UNSOLICITED_CONNECTS} unsolicited CONNECTs in one poll body: ` +
      'tracked namespaces stay as asked, each row is warned',
    async () => {
      const flood = Array.from({ length: UNSOLICITED_CONNECTS }, (_, i) => `40/x${i},{"sid":"s${i}"}`).join(RS);
      played = await startHandPlayedSio(['40{"sid":"root"}', flood, '42["after"]']);
      const { session } = played;
      // Counts rebuilds of the list without holding on to them (the old code made one per packet).
      let rebuilds = 0;
      let lastList: unknown;
      session.onDidChange((info: Readonly<SessionInfo>) => {
        if (info.namespaces !== lastList) rebuilds++;
        lastList = info.namespaces;
      });
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'after', 15000);

      assert.deepEqual(
        session.info.namespaces?.map((n) => [n.name, n.state, n.sid]),
        [['/', 'connected', 'root']],
        'only "/" was asked for',
      );
      const unsolicited = ofType(session, 'sio-connect', 'in').filter((e) => e.meta?.sio?.namespace !== '/');
      assert.equal(unsolicited.length, UNSOLICITED_CONNECTS, 'every CONNECT is in the log');
      const warned = unsolicited.filter((e) =>
        /The server connected namespace "\/x\d+", which this session did not ask for/.test(e.meta?.warning ?? ''),
      );
      assert.equal(warned.length, UNSOLICITED_CONNECTS, 'each unsolicited CONNECT carries a warning on its row');
      assert.ok(rebuilds <= 2, `the namespace list was rebuilt ${rebuilds} times for ${UNSOLICITED_CONNECTS} packets`);
      assert.equal(session.info.state, 'open');
      assert.equal(ofType(session, 'error').length, 0);
    },
  );

  it('warns about CONNECT_ERROR and DISCONNECT for namespaces it did not ask for, and changes no state', async () => {
    played = await startHandPlayedSio([
      '40{"sid":"root"}',
      `44/ghost,{"message":"nope"}${RS}41/other,${RS}42["after"]`,
    ]);
    const { session } = played;
    await waitForEvent(session, (e) => e.meta?.sio?.event === 'after', 5000);
    const refused = ofType(session, 'sio-connect-error')[0];
    assert.match(refused.meta?.warning ?? '', /refused namespace "\/ghost", which this session did not ask for/);
    const left = ofType(session, 'sio-disconnect')[0];
    assert.match(left.meta?.warning ?? '', /disconnected namespace "\/other", which this session did not ask for/);
    assert.deepEqual(
      session.info.namespaces?.map((n) => [n.name, n.state]),
      [['/', 'connected']],
    );
  });

  it('tracks a namespace joined later through sio-connect, without a warning', async () => {
    played = await startHandPlayedSio(['40{"sid":"root"}']);
    const { session, queue } = played;
    await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in', 5000);
    assert.ok(session.send({ kind: 'sio-connect', namespace: '/late' }).ok);
    assert.equal(session.info.namespaces?.find((n) => n.name === '/late')?.state, 'connecting');
    queue.push('40/late,{"sid":"late-1"}');
    const joined = await waitForEvent(
      session,
      (e) => e.type === 'sio-connect' && e.direction === 'in' && e.meta?.sio?.namespace === '/late',
      5000,
    );
    assert.equal(joined.meta?.warning, undefined);
    const late = session.info.namespaces?.find((n) => n.name === '/late');
    assert.deepEqual([late?.state, late?.sid], ['connected', 'late-1']);
  });
});
