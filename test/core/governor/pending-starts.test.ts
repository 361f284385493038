import { describe, expect, it } from 'vitest';
import { createPendingStarts } from '../../../src/core/governor/pending-starts.js';

describe('pending starts', () => {
  it('holds a start until its time passes, per org, and a later hold extends it', () => {
    const pending = createPendingStarts();
    pending.hold('org-a', 'v1', 1_000);
    pending.hold('org-a', 'v2', 2_000);
    pending.hold('org-b', 'v3', 2_000);
    expect(pending.held('org-a', 500).sort()).toEqual(['v1', 'v2']);
    expect(pending.held('org-a', 1_000)).toEqual(['v2']);
    pending.hold('org-a', 'v2', 1_500); // an earlier end never shortens a hold
    pending.hold('org-a', 'v1', 3_000);
    expect(pending.held('org-a', 2_500)).toEqual(['v1']);
    expect(pending.held('org-b', 2_500)).toEqual([]);
  });
});
