/** The fix catalog (src/fixes/catalog.json) agrees with the deployment, the demo tenant and the findings it serves. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { delegatedScopes, FIX_IDS, fixDefinition, fixesForCode } from '../../src/fixes/catalog';
import { DEMO_DELEGATED_SCOPES } from '../../src/demo/delegatedTokens';

const ROOT = join(__dirname, '..', '..');

describe('fix catalog', () => {
  it('asks the OAuth connection for exactly the scopes the fixes need (template default, deploy guide, demo)', () => {
    const template = JSON.parse(
      readFileSync(
        join(ROOT, 'deploymentTemplates/deployUseExistResourceGroup/template-AzureBot-with-rg.json'),
        'utf8',
      ),
    ) as { parameters: { ssoScopes: { defaultValue: string } } };
    const asked = template.parameters.ssoScopes.defaultValue.split(' ').filter((s) => s.includes('.'));
    expect(asked.sort()).toEqual(delegatedScopes());
    const guide = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
    for (const scope of delegatedScopes()) expect(guide).toContain(`\`${scope}\``);
    expect([...DEMO_DELEGATED_SCOPES].filter((s) => s !== 'User.Read').sort()).toEqual(delegatedScopes());
  });

  it('confirms every change and names a role and a Graph page for every fix', () => {
    for (const id of FIX_IDS) {
      const d = fixDefinition(id);
      expect(d.roles.length).toBeGreaterThan(0);
      expect(d.docs).toMatch(/^https:\/\/learn\.microsoft\.com\/graph\/api\//);
      expect(d.changes).toBe(!['whatIf', 'devices'].includes(id));
    }
    expect(FIX_IDS.filter((id) => fixDefinition(id).secret)).toEqual(['temporaryAccessPass']);
  });

  it('offers enabling for a disabled account, a pass for MFA not set up, devices for a non-compliant device', () => {
    expect(fixesForCode(50057)).toEqual(['enableAccount']);
    expect(fixesForCode(50079)).toEqual(['temporaryAccessPass']);
    expect(fixesForCode(53000)).toEqual(['devices']);
    expect(fixesForCode(1)).toEqual([]);
  });
});
