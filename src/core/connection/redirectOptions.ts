/**
 * The redirect policy every connection kind shares (issue 12): off by default (a 3xx is shown, not followed);
 * when a profile turns it on, at most MAX_REDIRECTS hops. One rule for all kinds, validated here; the hops
 * themselves are decided in redirects/redirectPolicy.ts. Pure; never throws.
 */
import { booleanOr, numberInRange, type ValidationIssue } from './commonOptions';

/** The most hops a redirect chain may take (issue 12): past it the connection fails with a clear error. */
export const MAX_REDIRECTS = 5;

/** What a connection's options say about redirects. */
export interface RedirectOptions {
  /** Follow 301/302/303/307/308 answers (default false: the answer is shown and the connection fails). */
  followRedirects?: boolean;
  /** Hops followed at most, 1 to 5 (default 5); one more fails the connection. */
  maxRedirects?: number;
}

/** The policy after validation: defaults filled in. */
export type ResolvedRedirectOptions = Required<RedirectOptions>;

/** Validates the two redirect fields of any kind's options. */
export function validateRedirectOptions(
  o: Record<string, unknown>,
  issues: ValidationIssue[],
): ResolvedRedirectOptions {
  return {
    followRedirects: booleanOr(o.followRedirects, 'followRedirects', false, issues),
    maxRedirects: numberInRange(o.maxRedirects, 'maxRedirects', MAX_REDIRECTS, 1, MAX_REDIRECTS, issues),
  };
}
