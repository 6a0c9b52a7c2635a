/**
 * Certificate fingerprints as people compare them (issue 12): the SHA-256 of the DER certificate, as 32
 * uppercase hex pairs joined by colons — what browsers show, what `openssl x509 -noout -fingerprint -sha256`
 * prints and what Node's `getPeerCertificate().fingerprint256` gives. A pin is written in that form (colons and
 * case optional) and normalised before it is compared. Pure; never throws.
 */
import { createHash } from 'node:crypto';

/** Bytes of a SHA-256 digest. */
const DIGEST_BYTES = 32;
const HEX_PAIRS = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){31}$/;
const HEX_DIGITS = /^[0-9A-Fa-f]{64}$/;
/** What `openssl x509 -fingerprint` puts before the hex: "sha256 Fingerprint=" (OpenSSL 3), "SHA256 …" (1.1). */
const OPENSSL_PREFIX = /^sha-?256\s*fingerprint\s*=/i;

/** `AB:CD:…` (95 characters) of the SHA-256 of `der`, a certificate's DER bytes. */
export function fingerprintOfDer(der: Uint8Array): string {
  return colonHex(createHash('sha256').update(der).digest('hex'));
}

/** A pin in the stored form, or what is wrong with the text in plain words. */
export type PinParse = { ok: true; pin: string } | { ok: false; message: string };

/**
 * Reads a pin as a person may write one: 64 hex digits, in colon-separated pairs or not, any case. The form
 * `sha256/<base64>` is refused on purpose: it is a public-key (SPKI) pin, the hash of a different thing, and
 * accepting it here would compare it with the certificate's hash and never match.
 */
export function parsePin(text: string): PinParse {
  const trimmed = text.trim();
  if (HEX_PAIRS.test(trimmed) || HEX_DIGITS.test(trimmed)) return { ok: true, pin: colonHex(trimmed) };
  if (OPENSSL_PREFIX.test(trimmed))
    return { ok: false, message: `Leave out OpenSSL's "${trimmed.split('=')[0]}=" prefix: write only the hex pairs.` };
  if (/^sha256\//i.test(trimmed))
    return {
      ok: false,
      message:
        'A "sha256/…" pin is the hash of a public key (base64); a pin here is the SHA-256 fingerprint of the whole ' +
        'certificate in hex, AB:CD:… (openssl x509 -noout -fingerprint -sha256).',
    };
  const digits = trimmed.replace(/:/g, '');
  if (/^[0-9A-Fa-f]*$/.test(digits) && digits.length !== DIGEST_BYTES * 2)
    return {
      ok: false,
      message: `A SHA-256 fingerprint has 64 hex digits (32 pairs AB:CD:…); this one has ${digits.length}.`,
    };
  return {
    ok: false,
    message:
      'Write the SHA-256 fingerprint as 64 hex digits, in pairs with colons (AB:CD:…) or without, as ' +
      '`openssl x509 -noout -fingerprint -sha256` prints it.',
  };
}

/** The valid pins of a list in the stored form, each once; invalid entries are left out (validated elsewhere). */
export function normalisePins(pins: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const pin of pins) {
    if (typeof pin !== 'string') continue;
    const parsed = parsePin(pin);
    if (parsed.ok) out.add(parsed.pin);
  }
  return [...out];
}

/** Hex digits (with or without colons) as uppercase pairs joined by colons. */
function colonHex(hex: string): string {
  const digits = hex.replace(/:/g, '').toUpperCase();
  return (digits.match(/../g) ?? []).join(':');
}
