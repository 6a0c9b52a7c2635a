/**
 * Issue #7, defect 2: attachment placeholders whose `num` is no valid index, attachment counts over
 * MAX_ATTACHMENTS, and reserved event names are each reported in words that say what is wrong —
 * by the codec (pure calls) and on the row the session logs.
 */
import assert from 'node:assert/strict';
import { MAX_ATTACHMENTS, decodeSioPacket } from '../../../../src/core/socketio/sioCodec';
import { ofType, waitForEvent } from '../../support/sessions';
import { RS, startHandPlayedSio, type HandPlayedSio } from './handPlayedSioServer';

const placeholder = (num: string): string => `{"_placeholder":true,"num":${num}}`;

describe('Socket.IO attachments and reserved names', function () {
  this.timeout(10000);

  describe('placeholders whose num is not an attachment index', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['a string', '"0"', /num "0" is a string, not an attachment index/],
      ['negative', '-1', /num -1 is negative/],
      ['not an integer', '0.5', /num 0.5 is not an integer/],
      [
        'equal to the announced count',
        '2',
        /num 2 is out of range: the packet announces 2 attachments \(indexes 0 to 1\)/,
      ],
      ['missing', 'null', /num null is not a number/],
    ];
    for (const [what, num, message] of cases) {
      it(`warns when num is ${what} (${num}), in a BINARY_EVENT and a BINARY_ACK`, () => {
        for (const text of [
          `52-["up",${placeholder('0')},${placeholder(num)}]`,
          `62-/admin,3[${placeholder(num)},${placeholder('1')}]`,
        ]) {
          const decoded = decodeSioPacket(text);
          assert.ok(decoded.ok, text);
          assert.match(decoded.packet.warning ?? '', message, text);
          assert.match(decoded.packet.warning ?? '', /socket\.io-client would reject this packet/, text);
        }
      });
    }

    it('says nothing about valid placeholders, at any depth', () => {
      const decoded = decodeSioPacket(`52-["up",{"a":[${placeholder('1')}]},${placeholder('0')}]`);
      assert.ok(decoded.ok);
      assert.equal(decoded.packet.warning, undefined);
    });
  });

  it(`says why an attachment count over ${MAX_ATTACHMENTS} is refused`, () => {
    for (const [text, count] of [
      ['55000-["x"]', '5000'],
      ['6123456789-/a,1[]', '123456789'],
    ]) {
      const decoded = decodeSioPacket(text);
      assert.ok(!decoded.ok, text);
      assert.match(
        decoded.error,
        new RegExp(`announces ${count} binary attachments; at most ${MAX_ATTACHMENTS} are accepted`),
      );
    }
  });

  describe('on the rows a session logs', () => {
    let played: HandPlayedSio | undefined;
    afterEach(async () => {
      await played?.stop();
      played = undefined;
    });

    it('puts the placeholder warning on the BINARY_EVENT row, which still regroups its attachments', async () => {
      played = await startHandPlayedSio([
        '40{"sid":"root"}',
        `451-["up",${placeholder('7')}]${RS}bAQI=${RS}42["after"]`,
      ]);
      const { session } = played;
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'after', 5000);
      const [row] = ofType(session, 'sio-binary-event');
      assert.match(row.meta?.warning ?? '', /num 7 is out of range: the packet announces 1 attachment \(index 0\)/);
      assert.equal(row.meta?.sio?.attachmentSeqs?.length, 1);
      assert.equal(ofType(session, 'sio-decode-error').length, 0);
    });

    for (const name of ['disconnect', 'connect_error']) {
      it(`warns on the row of an event named "${name}": a socket.io-client app never receives it`, async () => {
        played = await startHandPlayedSio(['40{"sid":"root"}', `42["${name}","spoof"]`]);
        const row = await waitForEvent(played.session, (e) => e.meta?.sio?.event === name, 5000);
        assert.equal(row.meta?.sio?.reservedName, true);
        assert.match(row.meta?.warning ?? '', new RegExp(`"${name}" is a reserved event name`));
        assert.match(row.meta?.warning ?? '', /a socket\.io-client app never receives it as an event/);
      });
    }
  });
});
