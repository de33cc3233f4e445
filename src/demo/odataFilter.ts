/**
 * A strict parser for the part of OData `$filter` that the demo tenant serves.
 *
 * Anything outside the grammar below, or a property/operator a collection does not allow, is an
 * error (which the demo tenant answers with a Graph-style 400): never a silent match-all. That is
 * what makes an injection that would widen a query fail loudly in tests.
 *
 *   expr       := and-expr ('or' and-expr)*          ('or' only where the collection allows it)
 *   and-expr   := unary ('and' unary)*
 *   unary      := '(' expr ')' | startswith '(' path ',' string ')' | path op literal
 *   op         := eq | ge | le
 *   literal    := 'string' (quote doubled inside) | integer | ISO-8601 datetime | date (yyyy-mm-dd) | true | false
 *
 * Keywords, operators and functions are matched without regard to case, as Graph does (Microsoft's
 * own examples write `startswith`, `startsWith` and `NOT`; concepts/filter-query-parameter.md).
 */

import { signInFilterRules } from './signInSchema';
import type { CollectionRules, LiteralKind, PropertyRule } from './filterRules';

export class ODataFilterError extends Error {}

export type { CollectionRules } from './filterRules';

export type Predicate = (item: unknown) => boolean;

export interface CompiledFilter {
  test: Predicate;
  /** Top-level `path eq value` terms joined by `and` (for indexing); empty when `or` is used. */
  equalities: Map<string, string | number | boolean>;
}

type Token =
  | { t: 'ident'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'datetime'; v: number; raw: string }
  | { t: 'punct'; v: '(' | ')' | ',' };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})/;
/** An OData date literal: compared with a DateTimeOffset it stands for that day's midnight UTC. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}(?![\dT:])/;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ') {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ODataFilterError('Unterminated string literal.');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += src[i++];
      }
      tokens.push({ t: 'string', v: value });
      continue;
    }
    const rest = src.slice(i);
    const dt = DATETIME.exec(rest);
    if (dt) {
      const ms = Date.parse(dt[0]);
      if (Number.isNaN(ms)) throw new ODataFilterError(`Invalid datetime literal '${dt[0]}'.`);
      tokens.push({ t: 'datetime', v: ms, raw: dt[0] });
      i += dt[0].length;
      continue;
    }
    const day = DATE_ONLY.exec(rest);
    if (day) {
      const ms = Date.parse(`${day[0]}T00:00:00Z`);
      if (Number.isNaN(ms)) throw new ODataFilterError(`Invalid date literal '${day[0]}'.`);
      tokens.push({ t: 'datetime', v: ms, raw: day[0] });
      i += day[0].length;
      continue;
    }
    const num = /^-?\d+(?![\w.])/.exec(rest);
    if (num) {
      tokens.push({ t: 'number', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (ident) {
      tokens.push({ t: 'ident', v: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw new ODataFilterError(`Syntax error at position ${i} in '${src}'.`);
  }
  return tokens;
}

function read(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Compiles a `$filter` string against a collection's rules; throws ODataFilterError when it does not fit. */
export function compileFilter(src: string, rules: CollectionRules): CompiledFilter {
  const tokens = tokenize(src);
  let pos = 0;
  const equalities = new Map<string, string | number | boolean>();
  let usedOr = false;

  const peek = () => tokens[pos];
  const next = () => {
    const token = tokens[pos++];
    if (!token) throw new ODataFilterError('Unexpected end of filter.');
    return token;
  };
  const expectPunct = (v: string) => {
    const token = next();
    if (token.t !== 'punct' || token.v !== v) throw new ODataFilterError(`Expected '${v}'.`);
  };
  const isKeyword = (token: Token | undefined, word: string) => token?.t === 'ident' && token.v.toLowerCase() === word;

  const names = new Map(
    Object.keys(rules.properties).map((name) => [rules.caseInsensitiveNames ? name.toLowerCase() : name, name]),
  );
  /** The rule and the property's own spelling. */
  const rule = (written: string, op: PropertyRule['ops'][number]): { spec: PropertyRule; path: string } => {
    const path = names.get(rules.caseInsensitiveNames ? written.toLowerCase() : written);
    if (!path) {
      const top = written.split('/')[0];
      const known =
        rules.knownProperties &&
        [...rules.knownProperties].some((p) =>
          rules.caseInsensitiveNames ? p.toLowerCase() === top.toLowerCase() : p === top,
        );
      if (rules.knownProperties && !known)
        throw new ODataFilterError(
          `Could not find a property named '${top}' on type '${rules.typeName ?? 'microsoft.graph.signIn'}'.`,
        );
      throw new ODataFilterError(`Property '${written}' is not supported in a filter on this resource.`);
    }
    const spec = rules.properties[path];
    if (!spec.ops.includes(op)) throw new ODataFilterError(`Operator '${op}' is not supported on '${path}'.`);
    return { spec, path };
  };

  const literalOf = (token: Token, expected: LiteralKind): string | number | boolean => {
    if (expected === 'string' && token.t === 'string') return token.v;
    if (expected === 'number' && token.t === 'number') return token.v;
    if (expected === 'datetime' && token.t === 'datetime') return token.v;
    if (expected === 'boolean' && token.t === 'ident' && /^(true|false)$/i.test(token.v))
      return token.v.toLowerCase() === 'true';
    throw new ODataFilterError(`A ${expected} literal was expected.`);
  };

  function parseUnary(topLevel: boolean): Predicate {
    const token = next();
    if (token.t === 'punct' && token.v === '(') {
      const inner = parseOr(false);
      expectPunct(')');
      return inner;
    }
    if (token.t !== 'ident') throw new ODataFilterError('Expected a property or function.');
    if (token.v.toLowerCase() === 'startswith') {
      expectPunct('(');
      const written = next();
      if (written.t !== 'ident') throw new ODataFilterError('startswith expects a property first.');
      const { path } = rule(written.v, 'startswith');
      expectPunct(',');
      const prefix = literalOf(next(), 'string') as string;
      expectPunct(')');
      const lower = prefix.toLowerCase();
      return (item) => {
        const value = read(item, path);
        return typeof value === 'string' && value.toLowerCase().startsWith(lower);
      };
    }
    const opToken = next();
    if (opToken.t !== 'ident') throw new ODataFilterError(`Expected an operator after '${token.v}'.`);
    const op = opToken.v.toLowerCase();
    if (op !== 'eq' && op !== 'ge' && op !== 'le')
      throw new ODataFilterError(`Operator '${opToken.v}' is not supported.`);
    const { spec, path } = rule(token.v, op);
    const literal = literalOf(next(), spec.type);
    if (op === 'eq' && topLevel) equalities.set(path, literal);
    if (spec.type === 'datetime') {
      const bound = literal as number;
      return (item) => {
        const ms = Date.parse(String(read(item, path)));
        return op === 'eq' ? ms === bound : op === 'ge' ? ms >= bound : ms <= bound;
      };
    }
    if (spec.type === 'string') {
      if (op !== 'eq') throw new ODataFilterError(`Operator '${op}' is not supported on '${path}'.`);
      if (rules.caseSensitiveEquality) return (item) => read(item, path) === literal;
      const lower = (literal as string).toLowerCase();
      return (item) => {
        const value = read(item, path);
        return typeof value === 'string' && value.toLowerCase() === lower;
      };
    }
    return (item) => {
      const value = read(item, path) as number | boolean;
      return op === 'eq' ? value === literal : op === 'ge' ? value >= literal : value <= literal;
    };
  }

  function parseAnd(topLevel: boolean): Predicate {
    const parts = [parseUnary(topLevel)];
    while (isKeyword(peek(), 'and')) {
      pos++;
      parts.push(parseUnary(topLevel));
    }
    return parts.length === 1 ? parts[0] : (item) => parts.every((p) => p(item));
  }

  function parseOr(topLevel: boolean): Predicate {
    const parts = [parseAnd(topLevel)];
    while (isKeyword(peek(), 'or')) {
      if (!rules.allowOr) throw new ODataFilterError("The 'or' operator is not supported on this resource.");
      usedOr = true;
      pos++;
      parts.push(parseAnd(false));
    }
    return parts.length === 1 ? parts[0] : (item) => parts.some((p) => p(item));
  }

  if (tokens.length === 0) throw new ODataFilterError('The filter is empty.');
  const test = parseOr(true);
  if (pos !== tokens.length)
    throw new ODataFilterError(`Unexpected '${JSON.stringify(tokens[pos])}' after the end of the expression.`);
  if (usedOr) equalities.clear();
  return { test, equalities };
}

/** The sign-in log's rules on beta (the wider endpoint); signInSchema.ts has them per version. */
export const SIGNIN_FILTER_RULES: CollectionRules = signInFilterRules('beta');

export const USER_FILTER_RULES: CollectionRules = {
  allowOr: true,
  properties: {
    id: { type: 'string', ops: ['eq'] },
    userPrincipalName: { type: 'string', ops: ['eq', 'startswith'] },
    displayName: { type: 'string', ops: ['eq', 'startswith'] },
    givenName: { type: 'string', ops: ['eq', 'startswith'] },
    surname: { type: 'string', ops: ['eq', 'startswith'] },
    mail: { type: 'string', ops: ['eq', 'startswith'] },
    accountEnabled: { type: 'boolean', ops: ['eq'] },
  },
};
