/**
 * The demo tenant's directory: people, directory roles and groups.
 *
 * The first six are the Microsoft 365 Agents Playground's default users, with the Playground's own
 * (not well-formed) object ids and UPNs, so that a chat in the Playground arrives as one of them.
 * Each person has a `story`: the kind of sign-in trouble the generator gives them.
 */

export { ROLE_NAMES, ROLE_TEMPLATE } from './directoryRoles';
import { ROLE_TEMPLATE } from './directoryRoles';

/** Groups of the demo tenant. The helpdesk group is what demo mode configures as HELPDESK_GROUP_IDS. */
export const DEMO_GROUPS = {
  helpdesk: {
    id: '9d3a0000-0000-4000-8000-000000000001',
    displayName: 'IT Helpdesk',
    memberGroups: ['9d3a0000-0000-4000-8000-000000000002'],
  },
  helpdeskTier2: {
    id: '9d3a0000-0000-4000-8000-000000000002',
    displayName: 'IT Helpdesk Tier 2',
    memberGroups: [] as string[],
  },
  securityReaders: {
    id: '9d3a0000-0000-4000-8000-000000000003',
    displayName: 'Security Readers (role-assignable)',
    memberGroups: [] as string[],
    /** A role-assignable group: its members hold this role through the group. */
    role: ROLE_TEMPLATE.securityReader,
  },
  sales: { id: '9d3a0000-0000-4000-8000-000000000004', displayName: 'Sales', memberGroups: [] as string[] },
} as const;

export type Story =
  | 'lockout' // wrong passwords ending in 50053
  | 'mfaPromptThenSuccess' // 50074/50076 interrupts followed by success: not a failure
  | 'conditionalAccessBlock' // 53003 with several policies, one failing
  | 'nonCompliantDevice' // 53000
  | 'mfaFatigue' // 500121 bursts
  | 'expiredPassword' // 50055
  | 'disabledAccount' // 50057
  | 'legacyProtocol' // IMAP / SMTP with 50126
  | 'consentMissing' // 65001
  | 'wrongPassword' // occasional 50126
  | 'unusualLocation' // success and failures from a new country
  | 'quiet'; // successes only

export interface DemoPerson {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string;
  department: string;
  officeLocation: string;
  accountEnabled: boolean;
  /** A disabled account: how many days before the log's end it was disabled (disabledAccounts.ts); default 30. */
  disabledDaysAgo?: number;
  /** Directory roles held directly. */
  roles: string[];
  /** Groups joined directly (group membership is transitive through DEMO_GROUPS.memberGroups). */
  groups: string[];
  /** ISO country where this person normally signs in. */
  country: string;
  city: string;
  stories: Story[];
}

const G = DEMO_GROUPS;
const R = ROLE_TEMPLATE;

function person(
  id: string,
  givenName: string,
  surname: string,
  upn: string,
  jobTitle: string,
  department: string,
  where: [string, string],
  stories: Story[],
  extra: Partial<DemoPerson> = {},
): DemoPerson {
  return {
    id,
    givenName,
    surname,
    displayName: `${givenName} ${surname}`,
    userPrincipalName: upn,
    mail: upn,
    jobTitle,
    department,
    officeLocation: where[1],
    accountEnabled: true,
    roles: [],
    groups: [],
    country: where[0],
    city: where[1],
    stories,
    ...extra,
  };
}

const oid = (n: number) => `5e1f0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const SEA: [string, string] = ['US', 'Seattle'];
const AMS: [string, string] = ['NL', 'Amsterdam'];
const LON: [string, string] = ['GB', 'London'];
const NYC: [string, string] = ['US', 'New York'];
const BER: [string, string] = ['DE', 'Berlin'];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // The Agents Playground's default users (ids and UPNs exactly as the Playground sends them).
  person(
    '00000000-0000-0000-0000-0000000000020',
    'Alex',
    'Wilber',
    'alexw@example.com',
    'IT Support Engineer',
    'IT',
    SEA,
    ['mfaPromptThenSuccess', 'wrongPassword'],
    { roles: [R.reportsReader] },
  ),
  person(
    '00000000-0000-0000-0000-0000000000021',
    'Megan',
    'Bowen',
    'meganb@example.com',
    'Marketing Manager',
    'Marketing',
    SEA,
    ['lockout', 'mfaPromptThenSuccess'],
  ),
  person(
    '00000000-0000-0000-0000-0000000000022',
    'Adele',
    'Vance',
    'adelev@example.com',
    'Retail Manager',
    'Retail',
    AMS,
    ['conditionalAccessBlock', 'wrongPassword'],
  ),
  person(
    '00000000-0000-0000-0000-0000000000023',
    'Isaiah',
    'Langer',
    'isaiah@example.com',
    'Sales Representative',
    'Sales',
    NYC,
    ['nonCompliantDevice', 'legacyProtocol'],
    { mail: 'isaiahl@example.com', groups: [G.sales.id] },
  ),
  person(
    '00000000-0000-0000-0000-0000000000024',
    'Patti',
    'Fernandez',
    'pattif@example.com',
    'President',
    'Executive Management',
    SEA,
    ['mfaFatigue', 'unusualLocation'],
  ),
  person('00000000-0000-0000-0000-0000000000025', 'Lynne', 'Robbins', 'lynner@example.com', 'Planner', 'Retail', LON, [
    'expiredPassword',
    'consentMissing',
  ]),
  // More of the tenant. Two pairs share a first name (Alex, Johanna) so that "which Alex?" happens.
  person(oid(1), 'Alex', 'Darrow', 'alexd@example.com', 'Product Manager', 'Engineering', SEA, ['wrongPassword']),
  person(oid(2), 'Johanna', 'Lorenz', 'johannal@example.com', 'Senior Engineer', 'Engineering', BER, [
    'legacyProtocol',
  ]),
  person(oid(3), 'Johanna', 'de Vries', 'johannadv@example.com', 'Accountant', 'Finance', AMS, ['wrongPassword']),
  person(oid(4), 'Diego', 'Siciliani', 'diegos@example.com', 'Helpdesk Administrator', 'IT', SEA, ['quiet'], {
    roles: [R.helpdeskAdministrator],
  }),
  person(oid(5), 'Grady', 'Archie', 'gradya@example.com', 'Security Analyst', 'IT', SEA, ['quiet'], {
    groups: [G.securityReaders.id],
  }),
  // A helpdesk reader (through the nested group) who also holds Helpdesk Administrator: may read and may act within that role.
  person(oid(6), 'Nestor', 'Wilke', 'nestorw@example.com', 'Helpdesk Agent', 'IT', NYC, ['wrongPassword'], {
    groups: [G.helpdeskTier2.id],
    roles: [R.helpdeskAdministrator],
  }),
  // Reads everything (Global Reader) and manages sign-in methods and accounts of non-admins (Authentication Administrator).
  person(oid(7), 'Henrietta', 'Mueller', 'henriettam@example.com', 'IT Manager', 'IT', BER, ['quiet'], {
    roles: [R.globalReader, R.authenticationAdministrator],
  }),
  person(oid(8), 'Lee', 'Gu', 'leeg@example.com', 'Security Operator', 'IT', SEA, ['quiet'], {
    roles: [R.securityOperator],
  }),
  person(oid(9), 'Miriam', 'Graham', 'miriamg@example.com', 'Director', 'Sales', SEA, ['disabledAccount'], {
    accountEnabled: false,
    disabledDaysAgo: 9.3,
    groups: [G.sales.id],
  }),
  person(oid(10), 'Pradeep', 'Gupta', 'pradeepg@example.com', 'Accountant', 'Finance', LON, ['wrongPassword']),
  person(oid(11), 'Joni', 'Sherman', 'jonis@example.com', 'Paralegal', 'Legal', SEA, ['conditionalAccessBlock']),
  person(oid(12), 'Irvin', 'Sayers', 'irvins@example.com', 'Director', 'Research', NYC, ['nonCompliantDevice']),
  person(
    oid(13),
    'Enrico',
    'Cattaneo',
    'enricoc@example.com',
    'Attorney',
    'Legal',
    ['IT', 'Milan'],
    ['unusualLocation'],
  ),
  person(oid(14), 'Christie', 'Cline', 'christiec@example.com', 'Buyer', 'Retail', SEA, ['mfaPromptThenSuccess']),
  person(oid(15), 'Debra', 'Berger', 'debrab@example.com', 'Administrative Assistant', 'Executive Management', SEA, [
    'expiredPassword',
  ]),
  person(oid(16), 'Lidia', 'Holloway', 'lidiah@example.com', 'Product Manager', 'Engineering', SEA, ['legacyProtocol']),
  person(oid(17), 'Cameron', 'White', 'cameronw@example.com', 'Marketing Assistant', 'Marketing', NYC, ['quiet']),
  person(oid(18), 'Sanne', 'Bakker', 'sanneb@example.com', 'Teamleider Klantenservice', 'Klantenservice', AMS, [
    'lockout',
  ]),
  person(oid(19), 'Daan', 'Visser', 'daanv@example.com', 'Servicedeskmedewerker', 'IT', AMS, ['wrongPassword'], {
    groups: [G.helpdesk.id],
  }),
  person(
    oid(20),
    'Sophie',
    'van den Berg',
    'sophievdb@example.com',
    'Controller',
    'Finance',
    ['NL', 'Utrecht'],
    ['mfaFatigue'],
  ),
  person(oid(21), 'Lars', 'Jansen', 'larsj@example.com', 'Inkoper', 'Inkoop', ['NL', 'Rotterdam'], ['consentMissing']),
  person(oid(22), 'Emma', 'de Jong', 'emmadj@example.com', 'HR-adviseur', 'HR', AMS, ['mfaPromptThenSuccess']),
  person(
    oid(23),
    'Seán',
    "O'Brien",
    "sean.o'brien@example.com",
    'Solutions Architect',
    'Engineering',
    ['IE', 'Dublin'],
    ['wrongPassword'],
  ),
  person(oid(24), 'Zoë', 'Janssen', 'zoej@example.com', 'Designer', 'Marketing', AMS, ['nonCompliantDevice']),
  person(oid(25), 'Ömer', 'Yılmaz', 'omery@example.com', 'Data Analyst', 'Research', BER, ['legacyProtocol']),
  person(oid(26), 'Ben', 'Walters', 'benw@example.com', 'Field Technician', 'Operations', NYC, ['disabledAccount'], {
    accountEnabled: false,
    disabledDaysAgo: 17.6,
  }),
  person(oid(27), 'Grace', 'Taylor', 'gracet@example.com', 'Recruiter', 'HR', LON, ['quiet']),
  person(
    oid(28),
    'Mateo',
    'García',
    'mateog@example.com',
    'Sales Representative',
    'Sales',
    ['ES', 'Madrid'],
    ['unusualLocation'],
    { groups: [G.sales.id] },
  ),
  person(oid(29), 'Priya', 'Nair', 'priyan@example.com', 'Engineer', 'Engineering', LON, ['mfaPromptThenSuccess']),
  person(
    oid(30),
    'Tom',
    'Hendriks',
    'tomh@example.com',
    'Magazijnmedewerker',
    'Logistiek',
    ['NL', 'Eindhoven'],
    ['expiredPassword'],
  ),
  person(oid(31), 'Fatima', 'El Amrani', 'fatimaea@example.com', 'Juriste', 'Legal', AMS, ['conditionalAccessBlock']),
  person(
    oid(32),
    'Noah',
    'Peeters',
    'noahp@example.com',
    'Stagiair',
    'Marketing',
    ['BE', 'Antwerp'],
    ['wrongPassword'],
  ),
];

/** The group ids demo mode treats as helpdesk groups (HELPDESK_GROUP_IDS). */
export const DEMO_HELPDESK_GROUP_IDS = [DEMO_GROUPS.helpdesk.id];
