/**
 * The DTOs the host sends the webview: declared in core (src/core/view/viewModel.ts, from the domain
 * types of src/core/session), named here type-only so host and webview agree by construction and the
 * webview bundle pulls in no core code.
 */
export type {
  DirectionDto,
  EngineSessionFacts,
  EventDetailsDto,
  EventQuery,
  EventRowDto,
  HeaderDto,
  NamespaceDto,
  PayloadViewDto,
  RawBlockDto,
  RawPartDto,
  ReconnectStatusDto,
  SessionInfoDto,
  SessionStateDto,
  TimelineArrowDto,
  TimelineStepDto,
  TimelineStepName,
  TrafficRatesDto,
} from '../core/view/viewModel';

/** Fact labels whose `#N` values name other events: the details pane links them to event N. */
export const LINKED_FACT_LABELS: readonly string[] = ['Parent', 'Request', 'Ack of', 'Carries', 'Attachments'];
