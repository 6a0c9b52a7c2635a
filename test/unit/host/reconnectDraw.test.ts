/** The reconnect jitter's draw: Math.random unless the environment fixes it to a number in [0, 1). */
import assert from 'node:assert/strict';
import { reconnectRandom } from '../../../src/host/reconnectDraw';

describe('reconnectRandom', () => {
  it('is undefined (Math.random in the session) without the variable, or with anything but a number in [0, 1)', () => {
    for (const value of [undefined, '', ' ', 'half', '1', '-0.1', 'NaN', 'Infinity', '0x1'])
      assert.equal(reconnectRandom(value === undefined ? {} : { RI_TEST_RECONNECT_DRAW: value }), undefined, value);
  });
  it('returns the fixed draw when the variable holds one', () => {
    assert.equal(reconnectRandom({ RI_TEST_RECONNECT_DRAW: '0.5' })?.(), 0.5);
    assert.equal(reconnectRandom({ RI_TEST_RECONNECT_DRAW: '0' })?.(), 0);
  });
});
