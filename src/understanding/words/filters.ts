/**
 * Tenant-wide question kinds and the narrowing filters beside them (country, platform), per
 * language; used by src/understanding/tenantAsk.ts and src/understanding/filters.ts.
 */
import type { Platform, TenantAsk } from '../question';
import type { FilterWords } from './types';

const TOP_N = ['3', '5', '10', 'three', 'five', 'ten', 'drie', 'vijf', 'tien'];
const enRank = (things: string[]) =>
  things.flatMap((t) => [
    `which ${t}`,
    `what ${t}`,
    `top ${t}`,
    ...TOP_N.map((n) => `top ${n} ${t}`),
    `${t} with the most`,
    `${t} fail most`,
  ]);
const nlRank = (things: string[]) =>
  things.flatMap((t) => [`welke ${t}`, `top ${t}`, ...TOP_N.map((n) => `top ${n} ${t}`), `${t} met de meeste`]);
const enApps = ['apps', 'app', 'applications', 'application', 'services', 'service'];
const enCodes = ['errors', 'error', 'error codes', 'error code', 'codes', 'code', 'reasons', 'failure reasons'];
const enCountries = ['countries', 'country', 'locations', 'location', 'places'];

export const enFilters: FilterWords = {
  tenantAsks: {
    'top-apps': [
      ...enRank(enApps),
      'most failing app*',
      'most common app*',
      'apps fail the most',
      'apps failing the most',
      'per app',
      'by app',
    ],
    'top-codes': [
      ...enRank(enCodes),
      'most common error*',
      'most common code*',
      'most common failure*',
      'most common reasons',
      'top reasons',
      'top error codes',
      'top errors',
      'top codes',
      'most frequent error*',
      'per error',
      'per error code',
      'per code',
      'by error',
      'by error code',
    ],
    'top-countries': [
      ...enRank(enCountries),
      'where from',
      'from where',
      'from which countries',
      'from what countries',
      'most common countries',
      'per country',
      'by country',
      'where are the failures coming from',
      'where do the failures come from',
      'where are they coming from',
    ],
    'locked-now': [],
    people: [],
  } satisfies Record<TenantAsk, string[]>,
  peopleWords: [
    'who',
    'whom',
    'which users',
    'what users',
    'which people',
    'what people',
    'which accounts',
    'what accounts',
    'which employees',
    'how many people',
    'how many users',
    'how many accounts',
    'how many employees',
    'how many persons',
    'which persons',
  ],
  nowWords: ['now', 'right now', 'currently', 'at the moment', 'still', 'at present', 'as we speak', 'presently'],
  outside: [
    'outside',
    'outside of',
    'from outside',
    'from outside of',
    'not from',
    'not in',
    'other than',
    'except',
    'except from',
  ],
  inside: ['from', 'in', 'within', 'inside'],
  abroad: [
    'abroad',
    'overseas',
    'outside the country',
    'from another country',
    'from other countries',
    'foreign countries',
    'a foreign country',
  ],
  platforms: {
    ios: ['iphone', 'iphones', 'ipad', 'ipads', 'ios'],
    android: ['android', 'android phone', 'samsung', 'pixel'],
    mobile: [
      'phone',
      'phones',
      'mobile',
      'mobile phone',
      'cell',
      'cellphone',
      'smartphone',
      'tablet',
      'mobile device',
      'mobile app',
    ],
    windows: ['windows', 'windows pc', 'windows laptop', 'pc'],
    macos: ['mac', 'macbook', 'macos', 'mac os', 'imac'],
    linux: ['linux', 'ubuntu'],
  } satisfies Record<Platform, string[]>,
  platformPrefixes: ['on', 'from', 'using', 'via', 'with'],
  possessives: ['his', 'her', 'my', 'their', 'the', 'a', 'an', 'your', 'its', 'our'],
};

const nlApps = ['apps', 'app', 'applicaties', 'applicatie', 'toepassingen', 'toepassing', 'diensten'];
const nlCodes = ['fouten', 'foutcodes', 'foutmeldingen', 'foutcode', 'redenen', 'codes'];
const nlCountries = ['landen', 'land', 'locaties', 'plaatsen'];

export const nlFilters: FilterWords = {
  tenantAsks: {
    'top-apps': [
      ...nlRank(nlApps),
      'apps met de meeste fouten',
      'apps geven de meeste fouten',
      'meest falende app*',
      'per app',
    ],
    'top-codes': [
      ...nlRank(nlCodes),
      'meest voorkomende fout*',
      'meest voorkomende code*',
      'vaakst voorkomende fout*',
      'per foutcode',
      'per fout',
    ],
    'top-countries': [
      ...nlRank(nlCountries),
      'vanwaar',
      'uit welke landen',
      'vanuit welke landen',
      'waar vandaan',
      'per land',
      'waar komen de fouten vandaan',
      'waar komen ze vandaan',
    ],
    'locked-now': [],
    people: [],
  } satisfies Record<TenantAsk, string[]>,
  peopleWords: [
    'wie',
    'welke gebruikers',
    'welke mensen',
    'welke accounts',
    'welke medewerkers',
    'hoeveel mensen',
    'hoeveel gebruikers',
    'hoeveel accounts',
    'hoeveel medewerkers',
    'hoeveel personen',
  ],
  nowWords: ['nu', 'op dit moment', 'momenteel', 'nog steeds', 'nog', 'nu nog', 'op het moment'],
  outside: ['buiten', 'van buiten', 'vanuit buiten', 'niet uit', 'niet vanuit', 'niet in', 'behalve', 'anders dan'],
  inside: ['uit', 'vanuit', 'in', 'binnen'],
  abroad: [
    'buitenland',
    'het buitenland',
    'vanuit het buitenland',
    'uit het buitenland',
    'buiten het land',
    'buitenlandse',
  ],
  platforms: {
    ios: ['iphone', 'ipad', 'ios'],
    android: ['android', 'android-telefoon', 'samsung'],
    mobile: ['telefoon', 'mobiel', 'mobieltje', 'gsm', 'smartphone', 'tablet', 'mobiele telefoon', 'mobiele app'],
    windows: ['windows', 'windows-pc', 'pc'],
    macos: ['mac', 'macbook', 'macos'],
    linux: ['linux'],
  } satisfies Record<Platform, string[]>,
  platformPrefixes: ['op', 'via', 'met', 'vanaf', 'vanuit'],
  possessives: ['zijn', 'haar', 'mijn', "m'n", 'mn', "z'n", 'hun', 'de', 'het', 'een', 'je', 'jouw', 'uw'],
};
