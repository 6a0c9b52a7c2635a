/**
 * The upgrade probe's named steps and the policy hooks they pass through (issue #8; roadmap: fault
 * injection will block, delay or drop there). Against a real engine.io 6.6.12 server.
 */
import assert from 'node:assert/strict';
import type { EnginePolicies, TransportStep } from '../../../../src/core/engineio/enginePolicies';
import { ofType, sleep, useSessions, waitForEvent } from '../../support/sessions';

function recordingPolicies(hold?: string): { policies: EnginePolicies; upgrade: string[]; transport: string[] } {
  const upgrade: string[] = [];
  const transport: string[] = [];
  const policies: EnginePolicies = {
    upgrade: {
      beforeStep: (state, proceed) => {
        upgrade.push(state);
        if (state !== hold) proceed();
      },
    },
    transport: {
      beforeStep: (step: TransportStep, proceed) => {
        transport.push(`${step.transport}:${step.step}`);
        proceed();
      },
    },
  };
  return { policies, upgrade, transport };
}

describe('the upgrade probe and its policy hooks', function () {
  this.timeout(15000);
  const fixture = useSessions();

  it('passes every step of the probe and of each transport through the policies, in order', async () => {
    const server = await fixture.engineIo('engine.io@6.6.12');
    const { policies, upgrade, transport } = recordingPolicies();
    const session = fixture.engineSession({ url: server.url, transports: 'polling-then-websocket' }, { policies });
    assert.equal(await session.start(), 'open');
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', 8000);
    assert.deepEqual(upgrade, [
      'opening',
      'probe-sent',
      'probe-answered',
      'pausing',
      'paused',
      'upgrading',
      'upgraded',
    ]);
    assert.equal(transport[0], 'polling:polling', 'the handshake GET');
    for (const step of ['websocket:connecting', 'polling:pausing', 'polling:paused']) {
      assert.ok(transport.includes(step), `${step} in ${transport.join(', ')}`);
    }
    assert.ok(transport.indexOf('polling:pausing') < transport.indexOf('polling:paused'));
    assert.equal(session.info.transport, 'websocket');
  });

  it('a policy that holds a step back holds the upgrade there: no upgrade packet, still on polling', async () => {
    const server = await fixture.engineIo('engine.io@6.6.12');
    const { policies, upgrade } = recordingPolicies('upgrading');
    const session = fixture.engineSession({ url: server.url, transports: 'polling-then-websocket' }, { policies });
    await session.start();
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'paused', 8000);
    await sleep(100);
    assert.equal(upgrade.at(-1), 'upgrading');
    assert.equal(ofType(session, 'eio-upgrade', 'out').length, 0, 'the upgrade packet was not sent');
    assert.equal(session.info.transport, 'polling');
    assert.equal(session.info.upgrade, 'paused');
  });
});
