/**
 * What `Compare Transports…` asks and how each answer is checked as it is typed: every refusal names what is
 * wrong and what is expected; the answers become a plan core accepts.
 */
import assert from 'node:assert/strict';
import { validatePlan } from '../../../../src/core/compare/comparisonPlan';
import * as input from '../../../../src/host/compare/compareInput';

describe('Compare Transports… input', () => {
  it('takes http, https, ws and wss URLs and says what is wrong with anything else', () => {
    for (const url of ['http://localhost:3000', 'https://example.com/socket.io/', 'ws://127.0.0.1:1', 'wss://a.b'])
      assert.equal(input.urlProblem(url), null, url);
    assert.match(input.urlProblem('')!, /Enter a URL/);
    assert.match(input.urlProblem('ftp://example.com')!, /Unsupported scheme "ftp".*http:\/\/, https:\/\/, ws:\/\//);
    assert.match(input.urlProblem('localhost 3000')!, /spaces/);
    assert.match(input.urlProblem('http://x/#frag')!, /fragment/);
  });

  it('infers Socket.IO, or Engine.IO when the path says so; a plain ws:// URL is taken for Socket.IO', () => {
    assert.equal(input.inferCompareKind('http://localhost:3000'), 'socketio');
    assert.equal(input.inferCompareKind('http://localhost:3000/engine.io/'), 'engineio');
    assert.equal(input.inferCompareKind('ws://localhost:3000/engine.io/'), 'engineio');
    assert.equal(input.inferCompareKind('ws://localhost:3000/'), 'socketio');
  });

  it('offers ack (default) and echo for Socket.IO, only echo for Engine.IO', () => {
    assert.equal(input.defaultMode('socketio'), 'ack');
    assert.deepEqual(input.modesFor('socketio'), ['ack', 'echo']);
    assert.equal(input.defaultMode('engineio'), 'echo');
    assert.deepEqual(input.modesFor('engineio'), ['echo']);
  });

  it('checks the number of messages: a whole number from 1 to 10,000', () => {
    for (const ok of ['1', '100', ' 20 ', '10000']) assert.equal(input.messageCountProblem(ok), null, ok);
    assert.equal(
      input.messageCountProblem(''),
      'Enter the number of messages sent over each transport, from 1 to 10,000.',
    );
    assert.equal(
      input.messageCountProblem('abc'),
      '"abc" is not a whole number: enter the number of messages sent over each transport, from 1 to 10,000.',
    );
    assert.match(input.messageCountProblem('2.5')!, /"2\.5" is not a whole number/);
    assert.match(input.messageCountProblem('-3')!, /"-3" is not a whole number/);
    assert.match(input.messageCountProblem('0')!, /^0 is out of range: .* from 1 to 10,000\.$/);
    assert.match(input.messageCountProblem('10001')!, /^10,001 is out of range/);
    assert.match(input.messageCountProblem('1'.repeat(40))!, /^a very large number is out of range: /);
  });

  it('checks the message size: a whole number of bytes from 1 to 1 MiB', () => {
    assert.equal(input.messageBytesProblem('100'), null);
    assert.equal(input.messageBytesProblem('1048576'), null);
    assert.match(input.messageBytesProblem('1048577')!, /^1,048,577 is out of range: .*bytes, from 1 to 1,048,576\.$/);
    assert.match(input.messageBytesProblem('1e3')!, /"1e3" is not a whole number/);
    assert.equal(input.wholeNumber(' 42 '), 42);
  });

  it("checks the event name with core's rule: not empty, not reserved, not too long", () => {
    assert.equal(input.eventNameProblem('echo'), null);
    assert.equal(input.eventNameProblem('chat message'), null);
    assert.match(input.eventNameProblem('')!, /Enter the event/);
    assert.match(input.eventNameProblem(' echo')!, /spaces/);
    assert.match(input.eventNameProblem('connect')!, /"connect" is a reserved Socket.IO event name/);
    assert.match(input.eventNameProblem('disconnect')!, /reserved/);
    assert.match(input.eventNameProblem('x'.repeat(201))!, /1 to 200 characters/);
  });

  it('turns the answers into a plan core accepts (Engine.IO: echo, no event)', () => {
    const sio = input.planOf({
      url: ' http://localhost:3000 ',
      kind: 'socketio',
      messages: 20,
      messageBytes: 64,
      mode: 'ack',
      event: 'echo',
    });
    assert.deepEqual(sio, {
      kind: 'socketio',
      url: 'http://localhost:3000',
      messages: 20,
      messageBytes: 64,
      mode: 'ack',
      event: 'echo',
    });
    assert.equal(validatePlan(sio).ok, true);
    const eio = input.planOf({
      url: 'http://h/engine.io/',
      kind: 'engineio',
      messages: 5,
      messageBytes: 1,
      mode: 'ack',
    });
    assert.deepEqual(eio, { kind: 'engineio', url: 'http://h/engine.io/', messages: 5, messageBytes: 1, mode: 'echo' });
    assert.equal(validatePlan(eio).ok, true);
  });

  it('writes progress as `polling 40/100`', () => {
    assert.equal(input.progressText('polling-only', 40, 100), 'polling 40/100');
    assert.equal(input.progressText('websocket-only', 3, 100), 'websocket 3/100');
  });
});
