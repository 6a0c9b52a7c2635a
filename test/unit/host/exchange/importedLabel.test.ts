/** What the header of an imported session says: the tool that wrote the file, offline, nothing to send. */
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { ImportedSession } from '../../../../src/core/exchange/importedSession';
import { emptyInfo } from '../../../../src/core/exchange/importedInfo';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import type { Session } from '../../../../src/core/session/session';
import { projectSessionInfo } from '../../../../src/core/view/sessionProjection';
import { importedFromLabel, importedOf, markOffline } from '../../../../src/host/exchange/importedLabel';

describe('importedFromLabel', () => {
  it('names the tools whose HARs the importer reads, by their creator', () => {
    const cases: Array<[string | undefined, string]> = [
      ['WebInspector 537.36', 'Imported from Chrome DevTools HAR'],
      ['Firefox 125.0.3', 'Imported from Firefox DevTools HAR'],
      ['HTTP Toolkit 1.17.0', 'Imported from HTTP Toolkit HAR'],
      ['mitmproxy exporthar 0.1', 'Imported from mitmproxy HAR'],
      ['Realtime Inspector 0.1.0', 'Imported from Realtime Inspector HAR'],
      [undefined, 'Imported from a HAR file'],
      ['  ', 'Imported from a HAR file'],
      ['Charles 4.6', 'Imported from a HAR file written by Charles 4.6'],
    ];
    for (const [creator, label] of cases) assert.equal(importedFromLabel({ format: 'har', creator }), label);
    assert.equal(importedFromLabel({ format: 'jsonl' }), 'Imported from Realtime Inspector JSON Lines');
  });

  it('cuts a long creator name from the file', () => {
    const label = importedFromLabel({ format: 'har', creator: 'x'.repeat(500) });
    assert.ok(label.length < 120, label);
    assert.ok(label.endsWith('…'));
  });
});

describe('an imported session in the header', () => {
  it('is offline, says where it came from, and offers nothing to send', () => {
    const info = { ...emptyInfo('websocket', 'ws://h/x', 1), messagesIn: 2 };
    const session = new ImportedSession(info, new MemoryEventLog(), { format: 'har', creator: 'WebInspector 537.36' });
    const from = importedOf(session);
    assert.deepEqual(from, { format: 'har', creator: 'WebInspector 537.36' });
    const dto = markOffline(projectSessionInfo(session.id, session.info, NO_REDACTION), from!);
    assert.equal(dto.offline, true);
    assert.equal(dto.importedFrom, 'Imported from Chrome DevTools HAR');
    assert.deepEqual(dto.sendKinds, []);
    assert.equal(dto.state, 'closed');
  });

  it('is not said of a live session', () => {
    assert.equal(importedOf({ id: 'ws-1', offline: true } as unknown as Session), undefined);
  });
});
