/**
 * The kind of failure a sign-in record is, from the error catalog: what "which accounts are
 * locked" or "MFA failures for Lynne" filter on when Graph's $filter cannot say it (Graph filters
 * one error code at most; a category is many codes).
 */
import type { SignIn } from '@microsoft/microsoft-graph-types';
import type { FailureCategory } from '../shared/types';
import { catalog } from './catalog';

/** Categories of failed records; null for successes and codes the catalog does not place in one. */
export function categoryOf(record: SignIn): FailureCategory | null {
  const code = record.status?.errorCode ?? 0;
  if (code === 0) return null;
  const category = catalog().get(code)?.category;
  if (category && category !== 'informational' && category !== 'other') return category;
  // A code outside the catalog that Conditional Access stopped is still a Conditional Access failure.
  return record.conditionalAccessStatus === 'failure' ? 'conditional_access' : null;
}

/** The records of one kind of failure (all records when no kind is asked). */
export function withCategory(records: SignIn[], category: FailureCategory | null | undefined): SignIn[] {
  return category ? records.filter((r) => categoryOf(r) === category) : records;
}
