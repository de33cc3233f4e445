/** Diagnosis is a table of detectors: one per kind of finding, each making only its own kind. */
import { DETECTORS } from '../../src/diagnosis/detectors';
import { FINDING_ORDER } from '../../src/diagnosis/findings';
import { diagnose } from '../../src/diagnosis/diagnose';
import { worstCase, typical, story } from '../fixtures/cards';

describe('the detector table', () => {
  it('has one detector for every kind of finding', () => {
    expect(DETECTORS.map((d) => d.kind).sort()).toEqual([...FINDING_ORDER].sort());
  });

  it('a finding is made only by the detector of its kind, in its scope', () => {
    for (const records of [worstCase, typical, story]) {
      for (const tenantWide of [false, true]) {
        for (const finding of diagnose(records, { tenantWide }).findings) {
          const detector = DETECTORS.find((d) => d.kind === finding.kind)!;
          expect(detector.scope).not.toBe(tenantWide ? 'person' : 'tenant');
        }
      }
    }
  });
});
