/**
 * The lifecycle's guard for the per-frame path (issue #9): `lifecycle.guarded(fn)` allocates a closure
 * and an argument array on every call, which a flood of a million frames pays a million times. The hot
 * callbacks run in their own try/catch instead and hand what they caught to the same guard, so a throw
 * becomes the same RI_INTERNAL row, in the same place.
 */
import type { SessionLifecycle } from '../session/sessionLifecycle';

/** Reports `error`, caught on a per-frame path, exactly as the lifecycle's guard would have. */
export function reportCaught(lifecycle: Pick<SessionLifecycle, 'guard'>, error: unknown): void {
  lifecycle.guard(() => {
    throw error;
  });
}
