/**
 * `npm run graph-schema -- --csdl <file> --version v1.0|beta --source <where it came from> [--partial]`:
 * reads Microsoft Graph's published metadata (CSDL, github.com/microsoftgraph/msgraph-metadata
 * `schemas/v1.0-Prod.csdl` / `schemas/beta-Prod.csdl`) and writes a trimmed copy to
 * test/fixtures/graph-schema/<version>.json: the `signIn` entity (and the types the fixes use, DEEP_ROOTS)
 * with every complex and enum type they reach, and the own properties of the directory types the bot
 * reads (user, directoryRole, group).
 *
 * `--partial`: the CSDL is an excerpt (beta-Prod.csdl is too big for some mirrors); types it lacks are
 * written as `{ "kind": "notVendored" }` so the contract test knows they were not checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface SchemaProperty {
  type: string;
  collection?: true;
  nullable?: false;
}
export type SchemaType =
  | { kind: 'entity' | 'complex'; baseType?: string; properties: Record<string, SchemaProperty> }
  | { kind: 'enum'; flags?: true; members: string[] }
  | { kind: 'notVendored' };
export interface GraphSchema {
  version: string;
  source: string;
  generatedBy: string;
  types: Record<string, SchemaType>;
}

/** Followed with everything they reach: the sign-in log, and what the one-click fixes read and write (issue 21). */
const DEEP_ROOTS = [
  'signIn',
  'directoryAudit',
  'temporaryAccessPassAuthenticationMethod',
  'passwordAuthenticationMethod',
  'microsoftAuthenticatorAuthenticationMethod',
  'managedDevice',
  'whatIfAnalysisResult',
];
/** Own and inherited properties only: their nested types are not read by the bot. */
const SHALLOW_ROOTS = ['user', 'directoryRole', 'group'];

/** Every EntityType, ComplexType and EnumType of the microsoft.graph namespace, by name, as raw XML. */
function typeBlocks(csdl: string): Map<string, { tag: string; head: string; body: string }> {
  const blocks = new Map<string, { tag: string; head: string; body: string }>();
  const pattern = /<(EntityType|ComplexType|EnumType)\s+Name="([^"]+)"([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;
  for (const m of csdl.matchAll(pattern)) {
    if (!blocks.has(m[2])) blocks.set(m[2], { tag: m[1], head: m[3], body: m[5] ?? '' });
  }
  return blocks;
}

function localName(type: string): string {
  return type.replace(/^graph\./, '').replace(/^microsoft\.graph\./, '');
}

function parseProperty(attributes: string): [string, SchemaProperty] {
  const name = /Name="([^"]+)"/.exec(attributes)![1];
  const raw = /Type="([^"]+)"/.exec(attributes)![1];
  const collection = /^Collection\((.*)\)$/.exec(raw);
  const property: SchemaProperty = { type: localName(collection ? collection[1] : raw) };
  if (collection) property.collection = true;
  if (/Nullable="false"/.test(attributes)) property.nullable = false;
  return [name, property];
}

export function trimSchema(csdl: string, options: { partial: boolean }): Record<string, SchemaType> {
  const blocks = typeBlocks(csdl);
  const out: Record<string, SchemaType> = {};
  const visit = (name: string, deep: boolean): void => {
    if (name in out || name.startsWith('Edm.')) return;
    const block = blocks.get(name);
    if (!block) {
      if (!options.partial) throw new Error(`Type '${name}' is not in the CSDL.`);
      out[name] = { kind: 'notVendored' };
      return;
    }
    if (block.tag === 'EnumType') {
      out[name] = {
        kind: 'enum',
        members: [...block.body.matchAll(/<Member\s+Name="([^"]+)"/g)].map((m) => m[1]),
        ...(/IsFlags="true"/.test(block.head) ? { flags: true as const } : {}),
      };
      return;
    }
    const properties: Record<string, SchemaProperty> = {};
    for (const m of block.body.matchAll(/<Property\s([^>]*?)\/?>/g)) {
      const [propertyName, property] = parseProperty(m[1]);
      properties[propertyName] = property;
    }
    const base = /BaseType="([^"]+)"/.exec(block.head)?.[1];
    out[name] = {
      kind: block.tag === 'EntityType' ? 'entity' : 'complex',
      ...(base ? { baseType: localName(base) } : {}),
      properties,
    };
    if (base) visit(localName(base), deep);
    if (deep) for (const property of Object.values(properties)) visit(property.type, true);
  };
  for (const root of DEEP_ROOTS) visit(root, true);
  for (const root of SHALLOW_ROOTS) visit(root, false);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      csdl: { type: 'string' },
      version: { type: 'string' },
      source: { type: 'string' },
      partial: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!values.csdl || !values.version || !values.source)
    throw new Error('usage: --csdl <file> --version v1.0|beta --source "<repo path @ commit>" [--partial]');
  if (values.version !== 'v1.0' && values.version !== 'beta') throw new Error('--version is v1.0 or beta');
  const schema: GraphSchema = {
    version: values.version,
    source: values.source,
    generatedBy: `scripts/graph-schema.ts${values.partial ? ' --partial' : ''}`,
    types: trimSchema(readFileSync(values.csdl, 'utf8'), { partial: values.partial ?? false }),
  };
  const target =
    values.out ?? path.join(__dirname, '..', '..', 'test', 'fixtures', 'graph-schema', `${values.version}.json`);
  writeFileSync(target, `${JSON.stringify(schema, null, 1)}\n`, 'utf8');
  console.log(`${target}: ${Object.keys(schema.types).length} types from ${values.source}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(`graph-schema: ${(error as Error).message}`);
    process.exit(2);
  }
}
