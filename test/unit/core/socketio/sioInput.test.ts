import assert from 'node:assert/strict';
import { authProblem, emitArgsProblem, emitArgsText, namespaceProblem } from '../../../../src/core/socketio/sioInput';

describe('Socket.IO input checks (Send Message… prompts)', () => {
  it('accepts a JSON array of arguments, or nothing', () => {
    assert.equal(emitArgsProblem('["hi", {"n": 1}, {"$binary": "AQID"}]'), undefined);
    assert.equal(emitArgsProblem('  '), undefined);
    assert.equal(emitArgsText(' '), '[]');
    assert.equal(emitArgsText('[1]'), '[1]');
  });

  it('explains what is wrong with the arguments', () => {
    assert.match(emitArgsProblem('{"a": 1}') ?? '', /JSON array/);
    assert.match(emitArgsProblem('[1,') ?? '', /^Not valid JSON/);
  });

  it('checks namespaces and auth objects', () => {
    assert.equal(namespaceProblem('/admin'), undefined);
    assert.match(namespaceProblem('admin') ?? '', /starts with "\/"/);
    assert.match(namespaceProblem('/a b') ?? '', /no commas or spaces/);
    assert.equal(authProblem(''), undefined);
    assert.equal(authProblem('{"token":"x"}'), undefined);
    assert.match(authProblem('[1]') ?? '', /JSON object/);
    assert.match(authProblem('{') ?? '', /Not valid JSON/);
  });
});
