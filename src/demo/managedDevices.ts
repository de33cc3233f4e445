/**
 * The devices Intune manages for each demo person (GET /users/{id}/managedDevices): the laptop their
 * sign-ins come from, compliant unless their story is a device that is not (53000).
 *
 * Shape and values: api-reference/v1.0/resources/intune-devices-manageddevice.md (`complianceState`
 * one of unknown, compliant, noncompliant, conflict, error, inGracePeriod, configManager;
 * `azureADDeviceId` the Entra device id that sign-ins carry in deviceDetail.deviceId).
 */
import type { DemoPerson } from './people';
import type { Device } from './signInCatalog';

/** The person's own laptop as their sign-ins show it (the generator and Intune agree on it). */
export function laptopOf(p: DemoPerson, compliant = true): Device {
  return {
    os: p.department === 'Sales' ? 'MacOs' : 'Windows10',
    browser: p.department === 'Sales' ? 'Safari 18.1' : 'Edge 131.0.0',
    compliant,
    managed: true,
    trustType: 'Azure AD joined',
    name: `${p.givenName.toUpperCase().replace(/[^A-Z]/g, '')}-LT${p.id.slice(-3)}`,
    id: `dev-${p.id.slice(-12)}`,
  };
}

const DAY = 86_400_000;

/** The managedDevice objects of one person, as of `now`. */
export function managedDevicesOf(p: DemoPerson, now: number): Record<string, unknown>[] {
  const laptop = laptopOf(p);
  const mac = laptop.os === 'MacOs';
  const noncompliant = p.stories.includes('nonCompliantDevice');
  return [
    {
      '@odata.type': '#microsoft.graph.managedDevice',
      id: `0d1ce000-0000-4000-8000-${p.id.slice(-12)}`,
      userId: p.id,
      userPrincipalName: p.userPrincipalName,
      userDisplayName: p.displayName,
      deviceName: laptop.name,
      managedDeviceOwnerType: 'company',
      enrolledDateTime: new Date(now - 200 * DAY).toISOString(),
      lastSyncDateTime: new Date(now - (noncompliant ? 9 : 0.2) * DAY).toISOString(),
      operatingSystem: mac ? 'macOS' : 'Windows',
      osVersion: mac ? '14.6.1' : noncompliant ? '10.0.19044.1288' : '10.0.22631.4460',
      complianceState: noncompliant ? 'noncompliant' : 'compliant',
      complianceGracePeriodExpirationDateTime: noncompliant
        ? new Date(now - 6 * DAY).toISOString()
        : '9999-12-31T23:59:59Z',
      jailBroken: 'Unknown',
      managementAgent: 'mdm',
      azureADRegistered: true,
      azureADDeviceId: laptop.id,
      deviceEnrollmentType: mac ? 'appleBulkWithUser' : 'windowsAzureADJoin',
      isEncrypted: !noncompliant,
      model: mac ? 'MacBook Pro' : 'Surface Laptop 5',
      manufacturer: mac ? 'Apple' : 'Microsoft Corporation',
    },
  ];
}
