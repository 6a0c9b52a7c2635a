import * as assert from 'node:assert/strict';
import {
  formatClock,
  formatCount,
  formatDuration,
  formatElapsed,
  formatSize,
  jsonErrorLocation,
  utf8Length,
} from '../../../src/webview/format';

describe('webview format', () => {
  describe('formatSize', () => {
    it('shows bytes below 1 KiB', () => {
      assert.equal(formatSize(0), '0 B');
      assert.equal(formatSize(12), '12 B');
      assert.equal(formatSize(1023), '1023 B');
    });
    it('uses binary units with one decimal below 10', () => {
      assert.equal(formatSize(1024), '1.0 KiB');
      assert.equal(formatSize(1229), '1.2 KiB');
      assert.equal(formatSize(5 * 1024 * 1024), '5.0 MiB');
    });
    it('drops the decimal for wide numbers', () => {
      assert.equal(formatSize(34 * 1024), '34 KiB');
      assert.equal(formatSize(123.4 * 1024), '123 KiB');
      assert.equal(formatSize(3 * 1024 ** 3), '3.0 GiB');
    });
    it('shows a dash for nonsense', () => {
      assert.equal(formatSize(-1), '—');
      assert.equal(formatSize(Number.NaN), '—');
    });
  });

  it('formatCount groups thousands regardless of locale', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(999), '999');
    assert.equal(formatCount(12345), '12,345');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(-4200), '-4,200');
  });

  it('formatClock shows local time with milliseconds', () => {
    assert.equal(formatClock(new Date(2024, 0, 2, 13, 5, 9, 7).getTime()), '13:05:09.007');
    assert.equal(formatClock(new Date(2024, 0, 2, 0, 0, 0, 0).getTime()), '00:00:00.000');
    assert.equal(formatClock(Number.NaN), '--:--:--.---');
  });

  it('formatElapsed shows signed seconds with milliseconds', () => {
    assert.equal(formatElapsed(1234), '+1.234s');
    assert.equal(formatElapsed(0), '+0.000s');
    assert.equal(formatElapsed(75_000.4), '+75.000s');
    assert.equal(formatElapsed(-5), '-0.005s');
  });

  it('formatDuration picks ms, s or min', () => {
    assert.equal(formatDuration(12.4), '12 ms');
    assert.equal(formatDuration(1500), '1.50 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
  });

  describe('jsonErrorLocation', () => {
    it('turns "at position N" into line and column', () => {
      assert.equal(jsonErrorLocation('{\n  "a": }', 'Unexpected token } in JSON at position 9'), 'line 2, column 8');
    });
    it('passes through engines that already say line and column', () => {
      assert.equal(jsonErrorLocation('', 'Expected property name (line 3 column 5)'), 'line 3, column 5');
    });
    it('agrees with this engine on a real error', () => {
      const source = '{"a": 1,\n }';
      let message = '';
      try {
        JSON.parse(source);
      } catch (e) {
        message = (e as Error).message;
      }
      // V8 words some errors with a position and some without; check only what it gives.
      if (/position \d+/.test(message)) assert.equal(jsonErrorLocation(source, message), 'line 2, column 2');
    });
    it('returns undefined without a position', () => {
      assert.equal(jsonErrorLocation('x', 'Unexpected end of JSON input'), undefined);
    });
  });

  it('utf8Length counts bytes, not UTF-16 units', () => {
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('😀'), 4);
  });
});
