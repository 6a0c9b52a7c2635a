/**
 * Issue #7: a non-101 answer's body (a 401's JSON, a proxy's HTML page) was visible only on the response
 * row; the error row — the one a user clicks first — now carries the status, headers and body too.
 */
import assert from 'node:assert/strict';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { projectDetails } from '../../../../src/core/view/eventProjection';
import { startRawTcpServer, type RawTcpServer } from '../../../fixtures/servers/rawTcpServer';
import { events, newSession } from '../../support/sessions';

describe('the error row of a non-101 answer', () => {
  let server: RawTcpServer | undefined;
  afterEach(async () => server?.close());

  it('shows the status, the response headers and the body preview', async () => {
    const body = '{"error":"invalid_token","detail":"expired"}';
    server = await startRawTcpServer((socket) =>
      socket.end(
        'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: Bearer\r\n' +
          `Content-Length: ${body.length}\r\n\r\n${body}`,
      ),
    );
    const session = newSession({ url: server.url });
    await session.start();
    const error = events(session).find((e) => e.type === 'error');
    assert.ok(error);
    const details = projectDetails(error, 0, NO_REDACTION);
    assert.equal(new Map(details.facts).get('Status'), '401 Unauthorized');
    assert.deepEqual(
      details.responseHeaders?.find(([n]) => n === 'WWW-Authenticate'),
      ['WWW-Authenticate', 'Bearer'],
    );
    assert.equal(details.payload?.text, body);
    assert.match(details.payload?.json ?? '', /"invalid_token"/);
    session.dispose();
  });
});
