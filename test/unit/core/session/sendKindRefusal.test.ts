/**
 * Send kinds (issue #8): a session refuses every request kind it does not accept, by core's one rule
 * (acceptsSendKind), with RI_INVALID_MESSAGE naming the kind and what the session sends.
 */
import assert from 'node:assert/strict';
import { refuseUnacceptedKind } from '../../../../src/core/session/sendKindRefusal';
import { SEND_KINDS, SEND_KINDS_BY_SESSION, type SendRequest } from '../../../../src/core/session/sendRequest';
import { useSessions } from '../../support/sessions';

const SAMPLES: Record<string, SendRequest> = {
  text: { kind: 'text', text: 'x' },
  json: { kind: 'json', text: '{}' },
  binary: { kind: 'binary', encoding: 'hex', data: '01' },
  ping: { kind: 'ping' },
  close: { kind: 'close' },
  'sio-emit': { kind: 'sio-emit', namespace: '/', event: 'e', args: '[]', ack: false },
  'sio-connect': { kind: 'sio-connect', namespace: '/' },
  'sio-disconnect': { kind: 'sio-disconnect', namespace: '/' },
  'sio-ack': { kind: 'sio-ack', namespace: '/', id: 1, args: '[]' },
};

describe('send kinds a session accepts', () => {
  const fixture = useSessions();

  for (const kind of ['engineio', 'socketio'] as const) {
    it(`${kind}: refuses every kind outside SEND_KINDS_BY_SESSION.${kind}, naming it and what it sends`, () => {
      const session = fixture.engineSession({ kind, url: 'http://127.0.0.1:9' }, {});
      for (const sendKind of SEND_KINDS) {
        const outcome = session.send(SAMPLES[sendKind]);
        const accepted = SEND_KINDS_BY_SESSION[kind].includes(sendKind);
        if (accepted) {
          // Not started: an accepted kind is refused only for the state (or, for close, done).
          if (!outcome.ok) assert.equal(outcome.error.code, 'RI_NOT_OPEN', `${kind} accepts ${sendKind}`);
          continue;
        }
        assert.ok(!outcome.ok, `${kind} refuses ${sendKind}`);
        assert.equal(outcome.error.code, 'RI_INVALID_MESSAGE');
        assert.match(outcome.error.message, new RegExp(`"${sendKind}"`));
        assert.match(outcome.error.message, new RegExp(SEND_KINDS_BY_SESSION[kind].join(', ')));
      }
    });
  }

  it('refuses an unknown kind too', () => {
    const refusal = refuseUnacceptedKind('engineio', { kind: 'teleport' });
    assert.equal(refusal?.code, 'RI_INVALID_MESSAGE');
    assert.match(refusal?.message ?? '', /"teleport"/);
  });
});
