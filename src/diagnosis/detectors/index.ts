/**
 * The detectors, one file each, in the order they run: each finds one kind of finding in a window
 * of failures. A new pattern is a new file here and a line in this table (and its thresholds in
 * src/diagnosis/patterns.json, its wording in src/cards/wording).
 */
import { accountLoop } from './accountLoop';
import { appFailingForMany } from './appFailingForMany';
import { conditionalAccess } from './conditionalAccess';
import { expiredPassword } from './expiredPassword';
import { legacyProtocol } from './legacyProtocol';
import { lockout } from './lockout';
import { mfaFatigue } from './mfaFatigue';
import { passwordSpray } from './passwordSpray';
import type { Detector } from './types';
import { unusualLocation } from './unusualLocation';

export const DETECTORS: readonly Detector[] = [
  lockout,
  mfaFatigue,
  passwordSpray,
  conditionalAccess,
  expiredPassword,
  appFailingForMany,
  accountLoop,
  legacyProtocol,
  unusualLocation,
];

export type { Detector } from './types';
