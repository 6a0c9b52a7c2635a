/**
 * Credentials masked wherever they are shown (issue #7): the rules by name (headers, query parameters,
 * subprotocols), URLs, the recent-URL form, and the redactor's search for known values in every form.
 */
import assert from 'node:assert/strict';
import { secretSubprotocols } from '../../../../src/core/redaction/credentialRules';
import { redactHeaderValue } from '../../../../src/core/redaction/headerRedaction';
import {
  collectSecrets,
  createRedactor,
  MIN_SEARCHED_SECRET_CHARS,
} from '../../../../src/core/redaction/secretRedactor';
import { MASK, maskSecret } from '../../../../src/core/redaction/secretMask';
import { redactUrl, redactUrlsInText, urlForHistory } from '../../../../src/core/redaction/urlRedaction';

const LONG = 'Tok3n-abcdefghijklmnop-WXYZ';

describe('redaction', () => {
  describe('maskSecret', () => {
    it('shows at most the last 4 characters, and none of a short value', () => {
      assert.equal(maskSecret(LONG), `${MASK}WXYZ`);
      assert.equal(maskSecret('hunter22'), MASK);
    });
  });

  describe('redactUrl', () => {
    it('masks the userinfo password and secret query values, keeps the rest as typed', () => {
      const out = redactUrl(`wss://alice:pa55word@example.com:8443/socket?room=1&access_token=${LONG}&t=x+y`);
      assert.equal(out, `wss://alice:${MASK}@example.com:8443/socket?room=1&access_token=${MASK}WXYZ&t=x+y`);
    });
    it('knows token-ish parameter names and leaves Engine.IO parameters alone', () => {
      const out = redactUrl(
        'http://h/socket.io/?EIO=4&transport=polling&sid=abc123' +
          '&apiKey=k3y-value-1&X-Amz-Signature=s1gn4ture&code=0xdeadbeef',
      );
      assert.ok(out.includes('sid=abc123') && out.includes('EIO=4') && out.includes('transport=polling'));
      assert.ok(!out.includes('k3y-value-1') && !out.includes('s1gn4ture') && !out.includes('0xdeadbeef'), out);
    });
    it('leaves text that is not a URL alone and never throws', () => {
      assert.equal(redactUrl('not a url'), 'not a url');
      assert.equal(redactUrl('/path?token=%E0%A4%A'), `/path?token=${MASK}`);
    });
    it('finds URLs in free text (error messages, notes)', () => {
      const text = `GET http://u:p4ss@h:1/x?token=${LONG} failed; see ws://h/y?session=abcdef`;
      const out = redactUrlsInText(text);
      assert.ok(!out.includes('p4ss') && !out.includes(LONG) && !out.includes('abcdef'), out);
    });
  });

  describe('urlForHistory', () => {
    it('drops the userinfo and secret query parameters entirely', () => {
      assert.equal(urlForHistory(`ws://bob:pw@h:1/p?room=2&token=${LONG}`), 'ws://h:1/p?room=2');
      assert.equal(urlForHistory('ws://h:1/p?room=2'), 'ws://h:1/p?room=2');
    });
  });

  describe('redactHeaderValue', () => {
    it('keeps the scheme of Authorization, the names of cookies and the attributes of Set-Cookie', () => {
      assert.equal(redactHeaderValue('Authorization', `Bearer ${LONG}`), `Bearer ${MASK}WXYZ`);
      assert.equal(redactHeaderValue('cookie', 'io=abc; theme=dark'), `io=${MASK}; theme=${MASK}`);
      assert.equal(redactHeaderValue('Set-Cookie', 'sid=abcdef; Path=/; HttpOnly'), `sid=${MASK}; Path=/; HttpOnly`);
      assert.equal(redactHeaderValue('X-Api-Key', 'k'), MASK);
      assert.equal(redactHeaderValue('Accept', 'text/html'), 'text/html');
    });
  });

  describe('secretSubprotocols', () => {
    it('finds tokens after a marker, behind known prefixes, JWTs and long mixed tokens', () => {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
      const k8s = 'base64url.bearer.authorization.k8s.io.dG9rZW4';
      assert.deepEqual(
        secretSubprotocols(['graphql-ws', 'access_token', 'abc', jwt, k8s, 'v12.stomp', 'a1'.repeat(20)]),
        ['abc', jwt, k8s, 'a1'.repeat(20)],
      );
      assert.deepEqual(secretSubprotocols(['chat', 'superchat', 'wamp.2.json', 'actioncable-v1-json']), []);
    });
  });

  describe('createRedactor', () => {
    const password = 'Pa55-word-xyz';
    const token = 'tok-1234567890';
    const redactor = createRedactor({
      url: `ws://user:${password}@h/x?token=${token}`,
      headers: [
        ['Authorization', 'Bearer bearer-secret-99'],
        ['Cookie', 'session=cookie-secret-77'],
      ],
      subprotocols: ['chat', 'access_token', 'proto-secret-55'],
      namespaces: [{ name: '/admin', auth: '{"token":"auth-secret-33","nested":{"key":"deep-secret-11"}}' }],
    });
    const secrets = [
      password,
      token,
      'bearer-secret-99',
      'cookie-secret-77',
      'proto-secret-55',
      'auth-secret-33',
      'deep-secret-11',
    ];

    it('collects each slot', () => {
      const collected = collectSecrets({
        url: `ws://user:${password}@h/x?token=${token}`,
        headers: [['Authorization', 'Bearer bearer-secret-99']],
        query: [['apikey', 'query-secret-22']],
      });
      for (const s of [password, token, 'bearer-secret-99', 'query-secret-22']) assert.ok(collected.includes(s), s);
    });

    it('masks every known secret in clear, URL-encoded, JSON-escaped, base64, base64url and hex forms', () => {
      for (const secret of secrets) {
        const bytes = Buffer.from(secret);
        const forms = [
          secret,
          encodeURIComponent(secret),
          bytes.toString('base64'),
          bytes.toString('base64url'),
          bytes.toString('hex'),
          bytes.toString('hex').toUpperCase(),
        ];
        for (const form of forms) {
          const out = redactor.text(`before ${form} after`);
          assert.ok(!out.includes(form), `${secret} as ${form}: ${out}`);
          assert.ok(out.startsWith('before ') && out.endsWith(' after'));
        }
      }
    });

    it('masks Basic credentials built from the URL userinfo', () => {
      const basic = Buffer.from(`user:${password}`).toString('base64');
      assert.ok(!redactor.text(`Authorization: Basic ${basic}`).includes(basic));
    });

    it('masks payloads: text replaced, bytes overwritten in place with the same length', () => {
      const text = redactor.payload({ kind: 'text', text: `{"t":"${token}"}`, byteLength: 0 });
      assert.ok(text.kind === 'text' && !text.text.includes(token));
      const bytes = Uint8Array.from(Buffer.from(`xx${token}yy`));
      const masked = redactor.payload({ kind: 'binary', bytes, byteLength: bytes.length });
      assert.ok(masked.kind === 'binary');
      assert.equal(masked.bytes.length, bytes.length);
      assert.equal(Buffer.from(masked.bytes).toString(), `xx${'*'.repeat(token.length)}yy`);
      assert.equal(Buffer.from(bytes).toString(), `xx${token}yy`, 'the stored payload is not changed');
      const clean = { kind: 'text' as const, text: 'nothing here', byteLength: 12 };
      assert.equal(redactor.payload(clean), clean, 'a clean payload is the same object (no copy per row)');
    });

    it('does not search for very short values (they would mask real data), but masks them by name', () => {
      const short = createRedactor({ url: 'ws://u:abc@h/?token=xy' });
      assert.equal(short.hasKnownSecrets, false);
      assert.equal(short.text('abc xy'), 'abc xy');
      assert.ok(!short.url('ws://u:abc@h/?token=xy').includes('abc'));
      assert.ok(MIN_SEARCHED_SECRET_CHARS >= 4);
    });

    it("masks extra secret values (a profile's ${secret:…} in a field that is not a credential by name)", () => {
      const extra = 'tenant-secret-42';
      const r = createRedactor({ url: 'ws://h/x', headers: [['X-Tenant', extra]] }, [extra, 'abc']);
      assert.equal(r.hasKnownSecrets, true);
      for (const form of [extra, Buffer.from(extra).toString('base64'), Buffer.from(extra).toString('hex')])
        assert.ok(!r.text(`a ${form} b`).includes(form), form);
      assert.ok(!r.headers([['X-Tenant', extra]])[0][1].includes(extra));
      assert.equal(r.text('abc'), 'abc', 'a short extra value is not searched for either');
      assert.equal(createRedactor({ url: 'ws://h/x', headers: [['X-Tenant', extra]] }).text(extra), extra);
    });

    it('survives an auth payload nested 10,000 deep and hostile URLs', () => {
      const deep = `${'{"a":'.repeat(10_000)}"deep-value-1"${'}'.repeat(10_000)}`;
      const r = createRedactor({ url: '::not a url::', namespaces: [{ name: '/', auth: deep }] });
      assert.ok(!r.text('x deep-value-1 y').includes('deep-value-1'));
    });
  });
});
