/** A transport result for the comparison panel's tests: all figures present unless overridden. */
import type { ComparedTransport, TransportResultDto } from '../../../../src/shared/compareProtocol';

export function result(transport: ComparedTransport, over: Partial<TransportResultDto> = {}): TransportResultDto {
  return {
    transport,
    ok: true,
    cancelled: false,
    setupMs: 12.5,
    openMs: 10,
    rtt: { median: 1, p95: 2, min: 0.5, max: 3 },
    bytesPerMessage: { up: 100, down: 100, total: 200 },
    httpRequests: 1,
    totalBytes: 5000,
    messages: 20,
    sent: 20,
    timedOut: 0,
    ...over,
  };
}
