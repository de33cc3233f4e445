/**
 * Small, offline checks of ARM templates: which parameters and variables each template scope
 * declares and references, and where the web app's settings are. A nested deployment with
 * `expressionEvaluationOptions.scope: inner` is a scope of its own (its `properties.parameters`
 * are evaluated in the parent, its `template` in itself), exactly as ARM evaluates them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ArmParameter {
  type: string;
  defaultValue?: Json;
  allowedValues?: Json[];
  metadata?: { description?: string };
  [key: string]: Json | undefined;
}

export interface Scope {
  /** JSON path of the scope's template, "$" for the file itself. */
  path: string;
  template: JsonObject;
  declaredParameters: Set<string>;
  referencedParameters: Set<string>;
  declaredVariables: Set<string>;
  referencedVariables: Set<string>;
}

export const TEMPLATES_DIR = join(__dirname, '..', '..', 'deploymentTemplates');
export const FOLDERS = ['deployWithNewResourceGroup', 'deployUseExistResourceGroup'] as const;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readJson(file: string): JsonObject {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Json;
  if (!isObject(value)) throw new Error(`${file}: not a JSON object`);
  return value;
}

export function jsonFiles(folder: string): string[] {
  return readdirSync(join(TEMPLATES_DIR, folder))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const PARAMETER_REF = /\bparameters\(\s*'([^']+)'\s*\)/g;
const VARIABLE_REF = /\bvariables\(\s*'([^']+)'\s*\)/g;

function isInnerDeployment(node: JsonObject): boolean {
  const props = node.properties;
  if (node.type !== 'Microsoft.Resources/deployments' || !isObject(props) || !isObject(props.template)) return false;
  const options = props.expressionEvaluationOptions;
  return isObject(options) && typeof options.scope === 'string' && options.scope.toLowerCase() === 'inner';
}

/** Every template scope in `template` (the root first). */
export function scopes(template: JsonObject, path = '$'): Scope[] {
  const scope: Scope = {
    path,
    template,
    declaredParameters: new Set(Object.keys(isObject(template.parameters) ? template.parameters : {})),
    referencedParameters: new Set(),
    declaredVariables: new Set(Object.keys(isObject(template.variables) ? template.variables : {})),
    referencedVariables: new Set(),
  };
  const nested: Scope[] = [];
  const scan = (text: string) => {
    for (const m of text.matchAll(PARAMETER_REF)) scope.referencedParameters.add(m[1]);
    for (const m of text.matchAll(VARIABLE_REF)) scope.referencedVariables.add(m[1]);
  };
  const walk = (node: Json, at: string): void => {
    if (typeof node === 'string') scan(node);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (isObject(node)) {
      const inner = isInnerDeployment(node);
      for (const [key, value] of Object.entries(node)) {
        scan(key); // ARM allows expressions as property names (e.g. userAssignedIdentities)
        if (inner && key === 'properties' && isObject(value)) {
          for (const [k, v] of Object.entries(value)) {
            if (k === 'template') nested.push(...scopes(v as JsonObject, `${at}.properties.template`));
            else walk(v, `${at}.properties.${k}`);
          }
        } else walk(value, `${at}.${key}`);
      }
    }
  };
  walk(template, path);
  return [scope, ...nested];
}

export interface InnerDeployment {
  path: string;
  passed: string[];
  template: JsonObject;
}

/** Nested deployments evaluated in their own scope, with the parameters handed to them. */
export function innerDeployments(template: JsonObject): InnerDeployment[] {
  const found: InnerDeployment[] = [];
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}[${i}]`));
    else if (isObject(node)) {
      if (isInnerDeployment(node)) {
        const props = node.properties as JsonObject;
        found.push({
          path: at,
          passed: Object.keys(isObject(props.parameters) ? props.parameters : {}),
          template: props.template as JsonObject,
        });
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
    }
  };
  walk(template, '$');
  return found;
}

/** Problems with parameter and variable wiring, one line each (empty when clean). */
export function wiringProblems(template: JsonObject): string[] {
  const problems: string[] = [];
  for (const s of scopes(template)) {
    for (const p of s.referencedParameters)
      if (!s.declaredParameters.has(p)) problems.push(`${s.path}: parameter '${p}' is referenced but not declared`);
    for (const p of s.declaredParameters)
      if (!s.referencedParameters.has(p)) problems.push(`${s.path}: parameter '${p}' is declared but never used`);
    for (const v of s.referencedVariables)
      if (!s.declaredVariables.has(v)) problems.push(`${s.path}: variable '${v}' is referenced but not declared`);
    for (const v of s.declaredVariables)
      if (!s.referencedVariables.has(v)) problems.push(`${s.path}: variable '${v}' is declared but never used`);
  }
  for (const d of innerDeployments(template)) {
    const params = (isObject(d.template.parameters) ? d.template.parameters : {}) as Record<string, ArmParameter>;
    for (const name of d.passed)
      if (!(name in params)) problems.push(`${d.path}: passes '${name}', which the nested template does not declare`);
    for (const [name, def] of Object.entries(params)) {
      if (!('defaultValue' in def) && !d.passed.includes(name))
        problems.push(`${d.path}: required parameter '${name}' of the nested template is not passed`);
    }
  }
  return problems;
}

export function isSecure(def: ArmParameter): boolean {
  return def.type.toLowerCase() === 'securestring' || def.type.toLowerCase() === 'secureobject';
}

/** Every parameter declaration in every scope, with its scope path. */
export function allParameters(template: JsonObject): Array<{ scope: string; name: string; def: ArmParameter }> {
  return scopes(template).flatMap((s) =>
    Object.entries((s.template.parameters ?? {}) as Record<string, ArmParameter>).map(([name, def]) => ({
      scope: s.path,
      name,
      def,
    })),
  );
}

/** Secure parameters that carry a default value (there must be none). */
export function secretDefaultProblems(template: JsonObject): string[] {
  return allParameters(template)
    .filter(({ def }) => isSecure(def) && 'defaultValue' in def)
    .map(({ scope, name }) => `${scope}: secure parameter '${name}' has a default value`);
}

export function parametersWithoutDescription(template: JsonObject): string[] {
  return allParameters(template)
    .filter(({ def }) => typeof def.metadata?.description !== 'string' || def.metadata.description.trim().length < 10)
    .map(({ scope, name }) => `${scope}: parameter '${name}'`);
}

/** All resources of a type, wherever they sit (root or nested templates). */
export function resourcesOfType(template: JsonObject, type: string): JsonObject[] {
  const found: JsonObject[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (typeof node.type === 'string' && node.type.toLowerCase() === type.toLowerCase() && 'apiVersion' in node)
        found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(template);
  return found;
}

export function appSettings(site: JsonObject): Array<{ name: string; value: string }> {
  const props = site.properties as JsonObject;
  const siteConfig = props.siteConfig as JsonObject;
  return siteConfig.appSettings as Array<{ name: string; value: string }>;
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
