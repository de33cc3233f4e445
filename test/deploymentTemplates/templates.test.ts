/**
 * The Azure deployment templates, checked offline: valid JSON in the Bot Framework layout, every
 * parameter declared, used and documented, no secret with a default, and an app setting for every
 * setting the bot reads (src/config/settings.ts, as CONFIG_SETTINGS), so a new setting cannot be forgotten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SETTINGS } from '../../src/config';
import {
  ArmParameter,
  FOLDERS,
  JsonObject,
  TEMPLATES_DIR,
  allParameters,
  appSettings,
  clone,
  innerDeployments,
  isObject,
  isSecure,
  jsonFiles,
  parametersWithoutDescription,
  readJson,
  resourcesOfType,
  scopes,
  secretDefaultProblems,
  wiringProblems,
} from './arm';

const RG_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const SUB_SCHEMA = 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#';
const PARAMS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/**
 * The documented exceptions to "every CONFIG_SETTINGS name is an app setting with a parameter":
 * - PORT is not set: App Service sets PORT itself and forwards traffic to it.
 * - HOST is fixed to 0.0.0.0: App Service reaches the app from outside the container, so the
 *   default 127.0.0.1 would make the site unreachable.
 * - DEMO is fixed to false: the built-in demo tenant must never answer in Azure.
 * - STATE_DIR is fixed to a folder under /home, the part of an App Service that survives restarts.
 * - Never set in Azure: STATE_BLOB_CONNECTION_STRING (an account key; the managed identity signs in
 *   instead). The demo's own settings (src/demo/settings.ts) are no CONFIG_SETTINGS: a template that
 *   set one would fail "read by nothing".
 * - Derived from the template's own resources: the state store kind, blob endpoint and identity.
 */
const NOT_SET = ['PORT'];
const NEVER_IN_AZURE = ['STATE_BLOB_CONNECTION_STRING'];
const FIXED: Record<string, string> = { HOST: '0.0.0.0', DEMO: 'false', STATE_DIR: '/home/data/signin-troubleshooter' };
const DERIVED: Record<string, string> = {
  STATE_STORE: "[if(parameters('createStateStorage'), 'blob', 'file')]",
  STATE_BLOB_ACCOUNT_URL:
    "[if(parameters('createStateStorage'), reference(variables('stateStorageId'), '2023-01-01').primaryEndpoints.blob, '')]",
  STATE_BLOB_CLIENT_ID: "[reference(variables('identityId'), '2023-01-31').clientId]",
};
/** App settings that are read by the platform or libraries rather than by src/config/. */
const PLATFORM_SETTINGS = [
  'AZURE_AUTHORITY_HOST', // @azure/identity: Entra authority for national clouds
  'APPLICATIONINSIGHTS_CONNECTION_STRING', // Application Insights agent
  'ApplicationInsightsAgent_EXTENSION_VERSION', // turns the App Service Node.js agent on (~3 on Linux)
  'SCM_DO_BUILD_DURING_DEPLOYMENT', // App Service builds the deployed source (npm install, npm run build)
  'MALLOC_MMAP_THRESHOLD_', // glibc: large blocks (the live index's columns) go back to the system when freed (docs/deploy.md)
];

const TEMPLATE_FILES = {
  deployWithNewResourceGroup: {
    BotApp: 'template-BotApp-new-rg.json',
    AzureBot: 'template-AzureBot-new-rg.json',
  },
  deployUseExistResourceGroup: {
    BotApp: 'template-BotApp-with-rg.json',
    AzureBot: 'template-AzureBot-with-rg.json',
  },
} as const;

const load = (folder: string, file: string) => readJson(join(TEMPLATES_DIR, folder, file));
const parameterFileFor = (template: string) => `parameters-for-${template}`;

const allTemplates = FOLDERS.flatMap((folder) =>
  (['BotApp', 'AzureBot'] as const).map((kind) => ({ folder, kind, file: TEMPLATE_FILES[folder][kind] })),
);

/** The expression with `variables('x')` replaced by x's definition (the site's template scope). */
function expandVariables(template: JsonObject, expression: string): string {
  const ownsSite = (t: JsonObject) =>
    Array.isArray(t.resources) && t.resources.some((r) => isObject(r) && r.type === 'Microsoft.Web/sites');
  const scope = scopes(template).find((s) => ownsSite(s.template));
  const variables = (scope?.template.variables ?? {}) as Record<string, string>;
  let text = expression;
  for (let depth = 0; depth < 5; depth++) {
    text = text.replace(/variables\(\s*'([^']+)'\s*\)/g, (whole, name: string) =>
      name in variables ? `(${variables[name]})` : whole,
    );
  }
  return text;
}

/** Problems with the BotApp's web app settings (empty when every setting is there and right). */
function appSettingProblems(template: JsonObject): string[] {
  const problems: string[] = [];
  const sites = resourcesOfType(template, 'Microsoft.Web/sites');
  if (sites.length !== 1) return [`expected one Microsoft.Web/sites resource, found ${sites.length}`];
  const settings = appSettings(sites[0]);
  const names = settings.map((s) => s.name);
  const known = new Set([...CONFIG_SETTINGS.map((s) => s.name), ...PLATFORM_SETTINGS]);
  for (const name of names) {
    if (!known.has(name))
      problems.push(`app setting ${name} is read by nothing (not in CONFIG_SETTINGS nor a platform setting)`);
    if (names.indexOf(name) !== names.lastIndexOf(name)) problems.push(`app setting ${name} is set twice`);
  }
  for (const spec of CONFIG_SETTINGS) {
    const setting = settings.find((s) => s.name === spec.name);
    if (NOT_SET.includes(spec.name)) {
      if (setting) problems.push(`app setting ${spec.name} must not be set (App Service sets it)`);
      continue;
    }
    if (NEVER_IN_AZURE.includes(spec.name)) {
      if (setting) problems.push(`app setting ${spec.name} must not be set in Azure`);
      continue;
    }
    if (!setting) {
      problems.push(`CONFIG_SETTINGS entry ${spec.name} has no app setting`);
      continue;
    }
    if (spec.name in FIXED || spec.name in DERIVED) {
      const expected = FIXED[spec.name] ?? DERIVED[spec.name];
      if (setting.value !== expected)
        problems.push(`app setting ${spec.name} must be "${expected}" (is "${setting.value}")`);
      continue;
    }
    if (!expandVariables(template, setting.value).includes(`parameters('${spec.name}')`))
      problems.push(`app setting ${spec.name} does not come from parameter '${spec.name}'`);
  }
  return problems;
}

/** Problems with how CONFIG_SETTINGS map to the BotApp's parameters. */
function settingParameterProblems(template: JsonObject): string[] {
  const problems: string[] = [];
  const params = new Map(allParameters(template).map((p) => [`${p.scope}|${p.name}`, p]));
  const byName = (name: string) => [...params.values()].filter((p) => p.name === name);
  for (const spec of CONFIG_SETTINGS) {
    if (NOT_SET.includes(spec.name) || NEVER_IN_AZURE.includes(spec.name) || spec.name in FIXED || spec.name in DERIVED)
      continue;
    const declared = byName(spec.name);
    if (declared.length === 0) problems.push(`no parameter ${spec.name}`);
    for (const { scope, def } of declared) {
      if (spec.secret && !isSecure(def))
        problems.push(`${scope}: secret ${spec.name} must be a securestring parameter (is ${def.type})`);
      if (!spec.secret && spec.default !== undefined && def.defaultValue !== spec.default) {
        problems.push(
          `${scope}: parameter ${spec.name} defaults to ${JSON.stringify(def.defaultValue)}, src/config/settings.ts to ${JSON.stringify(spec.default)}`,
        );
      }
    }
  }
  return problems;
}

describe('deployment templates: layout and JSON', () => {
  it.each(FOLDERS)('%s holds a BotApp and an AzureBot template, a parameters file for each, and a readme', (folder) => {
    const files = jsonFiles(folder);
    const templates = Object.values(TEMPLATE_FILES[folder]);
    expect(files).toEqual([...templates.map(parameterFileFor), ...templates].sort());
    expect(existsSync(join(TEMPLATES_DIR, folder, 'readme.md'))).toBe(true);
  });

  it.each(FOLDERS.flatMap((folder) => jsonFiles(folder).map((file) => [folder, file])))(
    '%s/%s is valid JSON with $schema and a four-part contentVersion',
    (folder, file) => {
      const json = load(folder, file);
      expect(typeof json.$schema).toBe('string');
      expect(json.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      if (file.startsWith('parameters-')) expect(json.$schema).toBe(PARAMS_SCHEMA);
      else expect(json.$schema).toBe(folder === 'deployWithNewResourceGroup' ? SUB_SCHEMA : RG_SCHEMA);
    },
  );
});

describe.each(allTemplates)('$folder/$file', ({ folder, kind, file }) => {
  const template = load(folder, file);

  it('references only declared parameters and variables, and uses every one it declares', () => {
    expect(wiringProblems(template)).toEqual([]);
  });

  it('documents every parameter with metadata.description', () => {
    expect(parametersWithoutDescription(template)).toEqual([]);
  });

  it('gives no secure parameter a default value', () => {
    expect(secretDefaultProblems(template)).toEqual([]);
  });

  it('nested templates are evaluated in their own scope, so secure values stay secure', () => {
    for (const deployment of resourcesOfType(template, 'Microsoft.Resources/deployments')) {
      expect((deployment.properties as JsonObject).expressionEvaluationOptions).toEqual({ scope: 'inner' });
    }
  });

  it('has a parameters file with every non-secret parameter, no secret, and no metadata (az rejects it there)', () => {
    const params = template.parameters as Record<string, ArmParameter>;
    const values = load(folder, parameterFileFor(file)).parameters as Record<string, JsonObject>;
    const expected = Object.keys(params).filter((name) => !isSecure(params[name]));
    expect(Object.keys(values).sort()).toEqual(expected.sort());
    for (const [name, entry] of Object.entries(values)) {
      expect([name, Object.keys(entry)]).toEqual([name, ['value']]);
      // Repeat the template default, so the file never overrides it with something else.
      if ('defaultValue' in params[name]) expect([name, entry.value]).toEqual([name, params[name].defaultValue]);
      else expect([name, entry.value]).toEqual([name, '']);
    }
  });

  it('has every parameter listed in the folder readme', () => {
    const readme = readFileSync(join(TEMPLATES_DIR, folder, 'readme.md'), 'utf8');
    for (const name of Object.keys(template.parameters as JsonObject))
      expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true]);
  });

  if (kind === 'BotApp') {
    it('sets an app setting for every setting in CONFIG_SETTINGS (documented exceptions only)', () => {
      expect(appSettingProblems(template)).toEqual([]);
    });

    it('declares a parameter per setting: secrets as securestring, defaults as in src/config/settings.ts', () => {
      expect(settingParameterProblems(template)).toEqual([]);
    });

    it('runs a hardened Linux web app on Node 22 LTS with a health check and a managed identity', () => {
      const [site] = resourcesOfType(template, 'Microsoft.Web/sites');
      const props = site.properties as JsonObject;
      const config = props.siteConfig as JsonObject;
      expect(site.kind).toBe('app,linux');
      expect(props.httpsOnly).toBe(true);
      expect(config).toMatchObject({
        linuxFxVersion: 'NODE|22-lts',
        ftpsState: 'Disabled',
        minTlsVersion: '1.2',
        healthCheckPath: '/healthz',
        alwaysOn: true,
      });
      expect((site.identity as JsonObject).type).toBe('UserAssigned');
      const [plan] = resourcesOfType(template, 'Microsoft.Web/serverfarms');
      expect(plan).toMatchObject({ kind: 'linux', properties: { reserved: true } });
      expect(resourcesOfType(template, 'Microsoft.ManagedIdentity/userAssignedIdentities')).toHaveLength(1);
      expect(resourcesOfType(template, 'Microsoft.Insights/components')).toHaveLength(1);
      const [storage] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts');
      expect(storage.condition).toBe("[parameters('createStateStorage')]");
      expect(storage.properties).toMatchObject({
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        minimumTlsVersion: 'TLS1_2',
      });
    });

    it('wires the state storage in: private container, the identity as Storage Blob Data Contributor, no keys in settings, TTL backstop', () => {
      const inner = innerDeployments(template)[0]?.template ?? template;
      const params = inner.parameters as JsonObject;
      expect((params.createStateStorage as JsonObject).defaultValue).toBe(true);
      const [container] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/blobServices/containers');
      expect(container.name).toBe(
        "[concat(variables('stateStorageAccountName'), '/default/', parameters('STATE_BLOB_CONTAINER'))]",
      );
      expect(container.properties).toEqual({ publicAccess: 'None' });
      const [role] = resourcesOfType(template, 'Microsoft.Authorization/roleAssignments');
      expect(role.scope).toBe("[concat('Microsoft.Storage/storageAccounts/', variables('stateStorageAccountName'))]");
      expect((inner.variables as JsonObject).storageBlobDataContributorRoleId).toBe(
        "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')]",
      );
      expect(role.properties).toMatchObject({
        roleDefinitionId: "[variables('storageBlobDataContributorRoleId')]",
        principalId: "[reference(variables('identityId'), '2023-01-31').principalId]",
        principalType: 'ServicePrincipal',
      });
      const [site] = resourcesOfType(template, 'Microsoft.Web/sites');
      // The site starts once its identity may use the container.
      expect(site.dependsOn).toEqual(
        expect.arrayContaining(["[variables('stateStorageId')]", "[variables('stateRoleAssignmentId')]"]),
      );
      const settings = appSettings(site);
      for (const { name, value } of settings)
        expect([name, /listKeys|AccountKey|SharedAccessSignature/i.test(String(value))]).toEqual([name, false]);
      const [policy] = resourcesOfType(template, 'Microsoft.Storage/storageAccounts/managementPolicies');
      expect(JSON.stringify(policy.properties)).toContain('"daysAfterModificationGreaterThan":40');
    });

    it('runs instanceCount instances (default 2) and no affinity cookie, so requests land on any instance', () => {
      const inner = innerDeployments(template)[0]?.template ?? template;
      expect((inner.parameters as JsonObject).instanceCount).toMatchObject({
        type: 'int',
        defaultValue: 2,
        minValue: 1,
      });
      const [plan] = resourcesOfType(template, 'Microsoft.Web/serverfarms');
      expect((plan.sku as JsonObject).capacity).toBe("[parameters('instanceCount')]");
      const [site] = resourcesOfType(template, 'Microsoft.Web/sites');
      expect((site.properties as JsonObject).clientAffinityEnabled).toBe(false);
    });
  } else {
    it('registers an azurebot (SingleTenant or UserAssignedMSI) at https://<app>/api/messages with the Teams channel', () => {
      const [bot] = resourcesOfType(template, 'Microsoft.BotService/botServices');
      expect(bot.kind).toBe('azurebot');
      const props = bot.properties as JsonObject;
      expect(props.msaAppType).toBe("[parameters('MicrosoftAppType')]");
      const appType = allParameters(template).filter((p) => p.name === 'MicrosoftAppType');
      for (const { def } of appType) expect(def.allowedValues).toEqual(['SingleTenant', 'UserAssignedMSI']);
      const inner = innerDeployments(template)[0]?.template ?? template;
      expect((inner.variables as JsonObject).botEndpoint).toBe(
        "[concat('https://', parameters('botDomain'), '/api/messages')]",
      );
      expect(props.endpoint).toBe("[variables('botEndpoint')]");
      const channels = resourcesOfType(template, 'Microsoft.BotService/botServices/channels');
      expect(channels).toHaveLength(1);
      expect(channels[0].properties).toEqual({
        channelName: 'MsTeamsChannel',
        properties: { isEnabled: true, enableCalling: false },
      });
    });
  }
});

describe('new resource group templates', () => {
  it.each(['BotApp', 'AzureBot'] as const)(
    '%s creates the group and deploys the existing-group template into it unchanged',
    (kind) => {
      const outer = load('deployWithNewResourceGroup', TEMPLATE_FILES.deployWithNewResourceGroup[kind]);
      const inner = load('deployUseExistResourceGroup', TEMPLATE_FILES.deployUseExistResourceGroup[kind]);
      expect(resourcesOfType(outer, 'Microsoft.Resources/resourceGroups')).toHaveLength(1);
      const [deployment] = innerDeployments(outer);
      expect(deployment.template).toEqual(inner);
      // The wrapper asks for the same things as the existing-group template (location comes from groupLocation).
      const outerParams = Object.keys(outer.parameters as JsonObject);
      const innerParams = Object.keys(inner.parameters as JsonObject).filter((p) => p !== 'location');
      expect(outerParams.sort()).toEqual(['groupLocation', 'groupName', ...innerParams].sort());
      for (const name of innerParams) {
        expect([name, (outer.parameters as JsonObject)[name]]).toEqual([name, (inner.parameters as JsonObject)[name]]);
      }
    },
  );
});

describe('the checks catch broken templates', () => {
  const botApp = () => clone(load('deployUseExistResourceGroup', TEMPLATE_FILES.deployUseExistResourceGroup.BotApp));
  const site = (t: JsonObject) => resourcesOfType(t, 'Microsoft.Web/sites')[0];

  it('a referenced parameter that is not declared', () => {
    const t = botApp();
    delete (t.parameters as JsonObject).LOG_LEVEL;
    expect(wiringProblems(t)).toContain("$: parameter 'LOG_LEVEL' is referenced but not declared");
  });

  it('a declared parameter that is never used', () => {
    const t = botApp();
    (t.parameters as JsonObject).unused = {
      type: 'string',
      defaultValue: '',
      metadata: { description: 'Not used anywhere.' },
    };
    expect(wiringProblems(t)).toContain("$: parameter 'unused' is declared but never used");
  });

  it('a nested template that is not handed a required parameter', () => {
    const t = clone(load('deployWithNewResourceGroup', TEMPLATE_FILES.deployWithNewResourceGroup.BotApp));
    const [deployment] = resourcesOfType(t, 'Microsoft.Resources/deployments');
    delete ((deployment.properties as JsonObject).parameters as JsonObject).appServiceName;
    const problems = wiringProblems(t);
    expect(
      problems.some((p) => p.includes("required parameter 'appServiceName' of the nested template is not passed")),
    ).toBe(true);
    expect(problems.some((p) => p.includes("parameter 'appServiceName' is declared but never used"))).toBe(true);
  });

  it('a secret with a default value', () => {
    const t = botApp();
    ((t.parameters as JsonObject).MicrosoftAppPassword as JsonObject).defaultValue = 'hunter2';
    expect(secretDefaultProblems(t)).toEqual(["$: secure parameter 'MicrosoftAppPassword' has a default value"]);
  });

  it('a secret declared as a plain string', () => {
    const t = botApp();
    ((t.parameters as JsonObject).SERVICENOW_PASSWORD as JsonObject).type = 'string';
    expect(settingParameterProblems(t)).toContain(
      '$: secret SERVICENOW_PASSWORD must be a securestring parameter (is string)',
    );
  });

  it('an account key for the state store, or a state store that ignores the storage account', () => {
    const t = botApp();
    const settings = appSettings(site(t));
    settings.push({
      name: 'STATE_BLOB_CONNECTION_STRING',
      value: "[concat('AccountKey=', listKeys(variables('stateStorageId'), '2023-01-01').keys[0].value)]",
    });
    settings.find((s) => s.name === 'STATE_STORE')!.value = 'file';
    expect(appSettingProblems(t)).toEqual([
      `app setting STATE_STORE must be "[if(parameters('createStateStorage'), 'blob', 'file')]" (is "file")`,
      'app setting STATE_BLOB_CONNECTION_STRING must not be set in Azure',
    ]);
  });

  it('a setting of src/config/settings.ts without an app setting, a stray setting, HOST left on loopback, PORT set', () => {
    const t = botApp();
    const settings = appSettings(site(t));
    settings.splice(
      settings.findIndex((s) => s.name === 'GRAPH_TIMEOUT_MS'),
      1,
    );
    settings.push({ name: 'GRAPH_TIMEOUT', value: '8000' }, { name: 'PORT', value: '8080' });
    settings.find((s) => s.name === 'HOST')!.value = '127.0.0.1';
    expect(appSettingProblems(t)).toEqual([
      'app setting GRAPH_TIMEOUT is read by nothing (not in CONFIG_SETTINGS nor a platform setting)',
      'app setting PORT must not be set (App Service sets it)',
      'app setting HOST must be "0.0.0.0" (is "127.0.0.1")',
      'CONFIG_SETTINGS entry GRAPH_TIMEOUT_MS has no app setting',
    ]);
  });

  it('a parameter default that drifted from src/config/settings.ts', () => {
    const t = botApp();
    ((t.parameters as JsonObject).DEFAULT_WINDOW_DAYS as JsonObject).defaultValue = '14';
    expect(settingParameterProblems(t)).toEqual([
      '$: parameter DEFAULT_WINDOW_DAYS defaults to "14", src/config/settings.ts to "7"',
    ]);
  });

  it('an undocumented parameter', () => {
    const t = botApp();
    delete ((t.parameters as JsonObject).appServicePlanSku as JsonObject).metadata;
    expect(parametersWithoutDescription(t)).toEqual(["$: parameter 'appServicePlanSku'"]);
  });

  it('sanity: the helpers see the real files', () => {
    expect(isObject(botApp().parameters)).toBe(true);
    expect(CONFIG_SETTINGS.length).toBeGreaterThan(10);
  });
});
