/** Details-pane facts of the Engine.IO and Socket.IO layers (EventMeta.eio / .sio) and polling pairs. */
import type { EioMeta, EventMeta, SioMeta } from '../events/logEvent';

type Facts = Array<[string, string]>;

export function pushEngineFacts(facts: Facts, meta: EventMeta): void {
  if (meta.requestSeq !== undefined) facts.push(['Request', `#${meta.requestSeq}`]);
  if (meta.eio) pushEioFacts(facts, meta.eio);
  if (meta.sio) pushSioFacts(facts, meta.sio, meta.durationMs);
}

function pushEioFacts(facts: Facts, eio: EioMeta): void {
  if (eio.packetType)
    facts.push(['Engine.IO packet', eio.probe ? `${eio.packetType} (upgrade probe)` : eio.packetType]);
  if (eio.transport) facts.push(['Transport', eio.transport]);
  if (eio.sid) facts.push(['sid', eio.sid]);
  if (eio.upgrades) facts.push(['Upgrades', eio.upgrades.length ? eio.upgrades.join(', ') : 'none']);
  if (eio.pingInterval !== undefined) facts.push(['Ping interval', `${eio.pingInterval} ms`]);
  if (eio.pingTimeout !== undefined) facts.push(['Ping timeout', `${eio.pingTimeout} ms`]);
  if (eio.maxPayload !== undefined) facts.push(['Max payload', `${eio.maxPayload} bytes`]);
  if (eio.step) facts.push(['Upgrade step', eio.step]);
  if (eio.carries?.length) facts.push(['Carries', eio.carries.map((s) => `#${s}`).join(', ')]);
  if (eio.decodeError) facts.push(['Decode error', eio.decodeError]);
}

function pushSioFacts(facts: Facts, sio: SioMeta, durationMs: number | undefined): void {
  facts.push(['Wire type', sio.packetType]);
  facts.push(['Namespace', sio.namespace]);
  if (sio.event !== undefined) facts.push(['Event', sio.reservedName ? `${sio.event} (reserved name)` : sio.event]);
  if (sio.reservedName) {
    // socket.io-client emits these names itself (connect, disconnect, connect_error…): a server that sends one
    // is not acted upon.
    facts.push([
      'Warning',
      `"${sio.event ?? ''}" is a name Socket.IO clients reserve for their own events: ` +
        'shown here as data, not acted upon.',
    ]);
  }
  if (sio.ackId !== undefined) facts.push(['Ack id', String(sio.ackId)]);
  if (sio.ackOf !== undefined)
    facts.push([
      'Ack of',
      `#${sio.ackOf}${durationMs !== undefined ? ` after ${Math.round(durationMs * 10) / 10} ms` : ''}`,
    ]);
  if (sio.attachments !== undefined)
    facts.push([
      'Attachments',
      sio.attachmentSeqs?.length
        ? `${sio.attachments}: ${sio.attachmentSeqs.map((s) => `#${s}`).join(', ')}`
        : String(sio.attachments),
    ]);
  if (sio.protocol !== undefined) facts.push(['Socket.IO protocol', `v${sio.protocol}`]);
  if (sio.decodeError) facts.push(['Decode error', sio.decodeError]);
}
