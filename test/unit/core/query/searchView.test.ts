/**
 * A query reads records through SpillingEventLog.pageForSearch (issue #9): what it builds for each event must be
 * what it built from the whole event, for every kind of event, and the packed batch for the worker must give the
 * records back as they were.
 */
import * as assert from 'node:assert/strict';
import type { NewLogEvent } from '../../../../src/core/events/logEvent';
import { SpillingEventLog } from '../../../../src/core/events/store/spillingEventLog';
import { searchNeedsMeta, searchRecordOf } from '../../../../src/core/query/eventQuery';
import { packRecords, unpackRecords } from '../../../../src/core/query/queryWorkerProtocol';
import { sessionLog, T0, textEvent } from './queryFixtures';

function varied(): NewLogEvent[] {
  const base = sessionLog().page(1, 100);
  const more: NewLogEvent[] = [
    textEvent(20, 'x'.repeat(500) + '\ud800 lone', {
      meta: { note: 'a note', sio: { packetType: 'EVENT', namespace: '/', event: 'e' } },
    }),
    textEvent(21, 'cut …', {
      payload: { kind: 'text', text: 'cut …', byteLength: 9, truncated: { keptBytes: 5, sha256: 'ab' } },
    }),
    {
      time: T0,
      mono: 1,
      direction: 'in',
      layer: 'ws',
      type: 'close-frame',
      size: 2,
      meta: { close: { wireCode: 1000 } },
    },
    {
      time: T0,
      mono: 1,
      direction: 'out',
      layer: 'http',
      type: 'handshake-request',
      size: 0,
      meta: { request: { url: '/x' } },
    },
    {
      time: T0,
      mono: 1,
      direction: 'local',
      layer: 'ws',
      type: 'error',
      size: 0,
      meta: { error: { code: 'C', message: 'm' } },
    },
    textEvent(22, '', { type: 'open', meta: { subprotocol: 'chat' } }),
  ];
  return [...base.map(({ seq: _seq, ...event }) => event), ...more];
}

describe('SpillingEventLog.pageForSearch', () => {
  it('gives each event the search record its whole event gives', () => {
    const log = new SpillingEventLog({ blockBytes: 4096 });
    for (const event of varied()) log.append(event);
    const whole = log.page(1, 100).map(searchRecordOf);
    const viewed = log.pageForSearch(1, 100, searchNeedsMeta).map(searchRecordOf);
    assert.equal(viewed.length, log.count);
    assert.deepStrictEqual(viewed, whole);
    log.dispose();
  });

  it('packs records for the worker and unpacks them as they were', () => {
    const log = new SpillingEventLog({ blockBytes: 4096 });
    for (const event of varied()) log.append(event);
    const records = log.page(1, 100).map(searchRecordOf);
    assert.deepStrictEqual(unpackRecords(packRecords(records)), records);
    assert.deepStrictEqual(unpackRecords(packRecords([])), []);
    log.dispose();
  });
});
