/**
 * The CodeLenses of a message book (issue 10): Send above each entry, Send all and the target session above the
 * first, and — looking disabled, with the reason — entries that cannot be sent: errors in the file, a kind the
 * target session does not send, delays and waits.
 */
import assert from 'node:assert/strict';
import { parseMessageBook } from '../../../../src/core/messageBook';
import { bookLenses, targetLabel, type LensSpec, type LensTarget } from '../../../../src/host/messageBooks/lensModel';

const WS: LensTarget = { label: 'ws://127.0.0.1:8765/echo', sessionKind: 'websocket', kindLabel: 'WebSocket' };
const SIO: LensTarget = { label: 'http://127.0.0.1:8767', sessionKind: 'socketio', kindLabel: 'Socket.IO' };

const BOOK = [
  '@name = Ada', //               0
  '', //                          1
  '### Hello', //                 2
  'text hi {{name}}', //          3
  '', //                          4
  '###', //                       5
  'json {"n": 1}', //             6
  '### Pause', //                 7
  'delay 500ms', //               8
  '### Wait', //                  9
  'wait for /welcome/', //        10
].join('\n');

const titles = (lenses: LensSpec[]): Array<[number, string]> => lenses.map((l) => [l.line, l.title]);

describe('message book lenses', () => {
  it('puts Send all and the target above the first entry, and Send above each', () => {
    const lenses = bookLenses(parseMessageBook(BOOK), WS);
    assert.deepEqual(titles(lenses), [
      [2, '$(run-all) Send all'],
      [2, '→ ws://127.0.0.1:8765/echo'],
      [2, '$(send) Send'],
      [5, '$(send) Send'],
      [7, '$(watch) delay — runs in Send all'],
      [9, '$(watch) wait — runs in Send all'],
    ]);
    assert.deepEqual(
      lenses.map((l) => l.action),
      [
        { command: 'sendAll' },
        { command: 'chooseSession' },
        { command: 'send', index: 0 },
        { command: 'send', index: 1 },
        undefined,
        undefined,
      ],
    );
    assert.equal(lenses[2].tooltip, 'Send this entry to ws://127.0.0.1:8765/echo');
  });

  it('offers Connect… when no session can send, and keeps Send', () => {
    const lenses = bookLenses(parseMessageBook(BOOK), undefined);
    assert.deepEqual(lenses[1], {
      line: 2,
      title: '$(plug) no session: Connect…',
      tooltip: 'No open session can send: connect one (Realtime Inspector: Connect…)',
      action: { command: 'connect' },
    });
    assert.deepEqual(lenses[2].action, { command: 'send', index: 0 });
  });

  it('says why an entry with errors cannot be sent, and Send all which entry to fix', () => {
    const book = parseMessageBook('text ok\n###  Broken\njson {"a": }\n### Unknown\nshout hi');
    const lenses = bookLenses(book, WS);
    assert.equal(lenses[0].title, '$(error) Send all — fix entry 2 first');
    assert.equal(lenses[0].action, undefined);
    assert.match(lenses[0].tooltip ?? '', /^Entry 2 has errors: /);
    assert.equal(lenses[2].title, '$(send) Send');
    const broken = lenses[3];
    assert.equal(broken.line, 1);
    assert.equal(broken.action, undefined);
    assert.ok(broken.title.startsWith('$(error) Send — '), broken.title);
    assert.equal(broken.tooltip, book.diagnostics.find((d) => d.range.line === 2)?.message);
    assert.ok(broken.title.length <= '$(error) Send — '.length + 70, 'the reason is shortened in the title');
    assert.equal(lenses[4].line, 3);
    assert.match(lenses[4].title, /^\$\(error\) Send — /);
  });

  it('marks entries the target session does not send, with core’s reason in the tooltip', () => {
    const book = parseMessageBook('### Emit\nemit chat\n"hi"\n### Text\ntext hello');
    const onWs = bookLenses(book, WS);
    assert.equal(onWs[0].title, '$(circle-slash) Send all — entry 1 is not sent on a WebSocket session');
    assert.equal(onWs[2].title, '$(circle-slash) Send — not sent on a WebSocket session');
    assert.equal(onWs[2].action, undefined);
    assert.match(onWs[2].tooltip ?? '', /^Entry 1 "Emit" \(line 2\)/);
    assert.deepEqual(onWs[3].action, { command: 'send', index: 1 });
    const onSio = bookLenses(book, SIO);
    assert.deepEqual(onSio[2].action, { command: 'send', index: 0 });
    assert.equal(onSio[3].title, '$(circle-slash) Send — not sent on a Socket.IO session');
  });

  it('has no lenses for a book without entries', () => {
    assert.deepEqual(bookLenses(parseMessageBook('# only a comment\n@a = 1\n'), WS), []);
  });
});

describe('the lens target label', () => {
  it('shows scheme, host and path, never credentials or the query', () => {
    assert.equal(targetLabel('ws://127.0.0.1:8765/echo', 'open'), 'ws://127.0.0.1:8765/echo');
    assert.equal(targetLabel('ws://user:••••@example.com/chat?access_token=••••', 'open'), 'ws://example.com/chat');
    assert.equal(targetLabel('http://127.0.0.1:8767/', 'open'), 'http://127.0.0.1:8767');
  });

  it('says the state while the session is not open, and shortens long URLs', () => {
    assert.equal(targetLabel('wss://example.com/live', 'connecting'), 'wss://example.com/live (connecting)');
    const long = targetLabel(`wss://example.com/${'a'.repeat(80)}/end`, 'open');
    assert.equal(long.length, 57);
    assert.ok(long.startsWith('wss://example.com/') && long.endsWith('/end') && long.includes('…'));
    assert.equal(targetLabel('not a url', 'open'), 'not a url');
  });
});
