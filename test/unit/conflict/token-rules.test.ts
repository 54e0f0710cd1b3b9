// The small rules a resend's safety rests on, one case per branch, written from RFC 9110 and
// the threat they guard against rather than read from the code — found by mutation testing
// (npm run mutation -- conflict), where one example per rule let a flipped comparison or a
// dropped check pass.
import { strict as assert } from 'node:assert';
import type { ConflictReport, VersionToken } from '../../../src/core/conflict/conflict-model';
import { refetchVersionProblem } from '../../../src/core/conflict/current-version-check';
import {
  firstListedTag,
  parseEntityTag,
  unusableInIfMatch,
  weakNeverMatches,
} from '../../../src/core/conflict/entity-tag';
import { checkTokenUpdates, tokenValueProblem } from '../../../src/core/conflict/token-safety';

const etag = { kind: 'header', name: 'ETag' } as const;
const seqNo = { kind: 'query', name: 'if_seq_no' } as const;
const report = (currentTokens: VersionToken[]) => ({ status: 409, currentTokens }) as unknown as ConflictReport;

describe('version token rules', () => {
  it('reads strong, weak and bare entity tags, and refuses lists, spaces, quotes and *', () => {
    assert.deepEqual(parseEntityTag(' "v1" '), { raw: '"v1"', weak: false, opaque: 'v1' });
    assert.deepEqual(parseEntityTag('W/"v1"'), { raw: 'W/"v1"', weak: true, opaque: 'v1' });
    assert.deepEqual(parseEntityTag('""'), { raw: '""', weak: false, opaque: '' });
    assert.deepEqual(parseEntityTag('2-9f1c'), { raw: '2-9f1c', weak: false, opaque: '2-9f1c' });
    for (const bad of ['', '  ', '*', 'a b', 'a,b', 'a"b', 'x"v1"', '"v1"x', 'w/"v1"x'])
      assert.equal(parseEntityTag(bad), undefined, bad);
    assert.deepEqual(firstListedTag('"a", "b"'), { raw: '"a"', weak: false, opaque: 'a' });
    assert.equal(firstListedTag('*'), undefined);
    assert.equal(firstListedTag(''), undefined);
  });

  it('never copies into If-Match a token with a line break, an empty one, *, or a weak one unless compared weakly', () => {
    assert.equal(unusableInIfMatch('"a"\r\nX: y'), 'it contains a line break');
    assert.equal(unusableInIfMatch('"a"\n'), 'it contains a line break');
    assert.equal(unusableInIfMatch('  '), 'it is empty');
    assert.equal(unusableInIfMatch(' * '), '"*" matches any version, which would overwrite blindly');
    assert.equal(unusableInIfMatch(' W/"a"'), weakNeverMatches);
    assert.equal(unusableInIfMatch('W/"a"', { weakCompared: 'OData compares weakly' }), undefined);
    assert.equal(unusableInIfMatch('"W/a"'), undefined);
    assert.equal(unusableInIfMatch('"a"'), undefined);
  });

  it('refuses a token with a control character, names where it was going, and lets removals through', () => {
    assert.equal(tokenValueProblem('"v2"'), undefined);
    assert.equal(tokenValueProblem(7), undefined);
    assert.match(
      tokenValueProblem('"v2"\r\nPOST http://evil.test') ?? '',
      /contains control characters .* neither written nor sent$/,
    );
    assert.match(tokenValueProblem('"v2\u001b[2J"') ?? '', /contains control characters/);
    const bad = { location: etag, value: '"v2"\nX: 1' };
    const good = { location: etag, value: '"v2"' };
    const removal = { location: seqNo, value: 'x\ny', remove: true as const };
    const { safe, refused } = checkTokenUpdates([bad, good, removal]);
    assert.deepEqual(safe, [good, removal]);
    assert.equal(refused.length, 1);
    assert.equal(refused[0].update, bad);
    assert.match(refused[0].problem, /^.+: the server's version token .* contains control characters/);
    assert.ok(!refused[0].problem.includes('\n'), 'the reason shows the line break, it does not contain one');
  });

  it('takes any refetch when the conflict named no version, refuses one without a token when it did', () => {
    assert.equal(refetchVersionProblem(report([]), []), undefined);
    assert.match(
      refetchVersionProblem(report([{ value: '"v9"', location: etag }]), []) ?? '',
      /^the 409 response named "v9" as the current version, but the refetched copy carries no version token/,
    );
  });

  it('refuses a refetch that is provably older (whole numbers, quoted or weak), at the same place only', () => {
    const named = [{ value: 7, location: seqNo }];
    assert.match(
      refetchVersionProblem(report(named), [{ value: 6, location: seqNo }]) ?? '',
      /named 7 as the current version, but the refetch returned 6, an older version/,
    );
    assert.equal(refetchVersionProblem(report(named), [{ value: 7, location: seqNo }]), undefined);
    assert.equal(refetchVersionProblem(report(named), [{ value: 8, location: seqNo }]), undefined);
    // Another place: not comparable, so not provably older.
    assert.equal(refetchVersionProblem(report(named), [{ value: 6, location: etag }]), undefined);
    assert.match(
      refetchVersionProblem(report([{ value: 'W/"10"', location: etag }]), [{ value: '"9"', location: etag }]) ?? '',
      /an older version/,
    );
    // Numbers past 2^53 compare exactly.
    assert.match(
      refetchVersionProblem(report([{ value: '"9007199254740993"', location: etag }]), [
        { value: '"9007199254740992"', location: etag },
      ]) ?? '',
      /an older version/,
    );
    // Opaque tokens cannot be ordered: the refetch goes ahead with its own token.
    assert.equal(
      refetchVersionProblem(report([{ value: '"b"', location: etag }]), [{ value: '"a"', location: etag }]),
      undefined,
    );
    assert.equal(
      refetchVersionProblem(report([{ value: '"10"', location: etag }]), [{ value: '"9a"', location: etag }]),
      undefined,
    );
    // Any one named token proven older is enough (Elasticsearch names two).
    const two = [
      { value: 5, location: { kind: 'query', name: 'if_primary_term' } as const },
      { value: 7, location: seqNo },
    ];
    assert.match(
      refetchVersionProblem(report(two), [
        { value: 5, location: { kind: 'query', name: 'if_primary_term' } },
        { value: 6, location: seqNo },
      ]) ?? '',
      /named 7 .* returned 6/,
    );
  });
});
