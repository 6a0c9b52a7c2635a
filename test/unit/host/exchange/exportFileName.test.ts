/** The save dialog's default name: host, port and start time, never a credential, path or query. */
import assert from 'node:assert/strict';
import { defaultExportName } from '../../../../src/host/exchange/exportFileName';

const STARTED = Date.UTC(2025, 0, 31, 12, 0, 5, 678);

describe('defaultExportName', () => {
  it('names the host, the port and the start time (UTC), with the format’s extension', () => {
    assert.equal(
      defaultExportName('ws://localhost:8080/echo', STARTED, 'har'),
      'localhost-8080-2025-01-31T12-00-05.har',
    );
    assert.equal(
      defaultExportName('https://api.example.com/socket.io/', STARTED, 'jsonl'),
      'api.example.com-2025-01-31T12-00-05.jsonl',
    );
  });

  it('leaves out user name, password, path, query and fragment', () => {
    const url = 'wss://alice:PwCanary-77@chat.example.com:9443/live?access_token=QtCanary-88#frag';
    const name = defaultExportName(url, STARTED, 'har');
    assert.equal(name, 'chat.example.com-9443-2025-01-31T12-00-05.har');
    for (const secret of ['alice', 'PwCanary', 'QtCanary', 'live', 'frag']) assert.ok(!name.includes(secret), secret);
  });

  it('keeps an IPv6 host to file-name characters', () => {
    assert.equal(defaultExportName('ws://[::1]:3000/', STARTED, 'har'), '1-3000-2025-01-31T12-00-05.har');
  });

  it('falls back to "session" for a URL that does not parse, and drops a time that is not one', () => {
    assert.equal(defaultExportName('not a url', STARTED, 'jsonl'), 'session-2025-01-31T12-00-05.jsonl');
    assert.equal(defaultExportName('ws://h:1/', Number.NaN, 'har'), 'h-1.har');
    assert.equal(defaultExportName('', Number.NaN, 'har'), 'session.har');
  });
});
