/**
 * The polling transport takes its network and its time from outside (issue #8): every request goes
 * through the injected Network's agent, a large body yields through the injected clock, and a network
 * the caller gave is the caller's to dispose.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { systemClock, type Clock } from '../../../../../src/core/clock';
import type { Network } from '../../../../../src/core/session/network';
import { hold, text } from '../../../../fixtures/servers/scriptedEngineIoServer';
import { ofType, payloadText, useSessions, waitForEvent } from '../../../support/sessions';

function countingNetwork(): Network & { polls: number; disposed: number; agent: Agent } {
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const network = {
    polls: 0,
    disposed: 0,
    agent,
    tls: { rejectUnauthorized: true },
    pollingAgent: () => {
      network.polls++;
      return agent;
    },
    // Polling only: a WebSocket is never opened.
    webSocketAgent: () => agent,
    dispose: () => {
      network.disposed++;
    },
  };
  return network;
}

describe('PollingTransport', function () {
  this.timeout(15000);
  const fixture = useSessions();

  it('sends every GET and POST through the injected Network, and leaves it to its owner', async () => {
    const server = await fixture.scripted({ poll: (c) => (c.n === 0 ? text(c.res, '4hello') : hold(c, 100)) });
    const network = countingNetwork();
    const session = fixture.engineSession(
      { url: server.url, transports: 'polling-only', protocolVersion: 4 },
      { network },
    );
    assert.equal(await session.start(), 'open');
    await waitForEvent(session, (e) => e.type === 'eio-message' && payloadText(e) === 'hello', 5000);
    assert.ok(session.send({ kind: 'text', text: 'up' }).ok);
    await waitForEvent(session, (e) => e.type === 'poll-response' && e.meta?.eio?.answers === 'POST', 5000);
    const requests = ofType(session, 'poll-request').length;
    assert.ok(network.polls >= requests, `${network.polls} agents asked for ${requests} requests`);
    await session.close();
    session.dispose();
    assert.equal(network.disposed, 0, 'a network given from outside is not disposed by the session');
    network.agent.destroy();
  });

  it('yields between slices of a large body through the injected clock', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `4m${i}`).join('\x1e');
    const server = await fixture.scripted({ poll: (c) => (c.n === 0 ? text(c.res, body) : hold(c, 100)) });
    let yields = 0;
    const clock: Clock = {
      ...systemClock,
      yield: (fn) => {
        yields++;
        setImmediate(fn);
      },
    };
    const session = fixture.engineSession(
      { url: server.url, transports: 'polling-only', protocolVersion: 4 },
      { clock },
    );
    await session.start();
    await waitForEvent(session, (e) => e.type === 'eio-message' && payloadText(e) === 'm4999', 8000);
    assert.ok(yields >= 4, `yielded ${yields} times for 5,000 records`);
  });
});
