/** What a collection allows in `$filter` (odataFilter.ts reads it; signInSchema.ts and the directory write it). */

export type LiteralKind = 'string' | 'number' | 'datetime' | 'boolean';

export interface PropertyRule {
  type: LiteralKind;
  ops: ReadonlyArray<'eq' | 'ge' | 'le' | 'startswith'>;
}

export interface CollectionRules {
  properties: Record<string, PropertyRule>;
  allowOr: boolean;
  /** String `eq` compares exactly (the sign-in log); otherwise without regard to case (the directory). */
  caseSensitiveEquality?: boolean;
  /** Property names match in any case (`userprincipalname` for `userPrincipalName`). */
  caseInsensitiveNames?: boolean;
  /** The type's properties: a path outside them is "not found", one inside but not filterable "not supported". */
  knownProperties?: ReadonlySet<string>;
  /** The OData type named in errors. */
  typeName?: string;
}
