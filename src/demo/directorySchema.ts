/**
 * The directory types' properties as Graph's v1.0 metadata has them (msgraph-metadata
 * schemas/v1.0-Prod.csdl: user, directoryRole, group with their base types; test/demo/contract.test.ts
 * keeps these lists equal to the vendored copy), for `$select` on the demo tenant's directory.
 */

export const USER_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'deletedDateTime', 'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'authorizationInfo', 'birthday',
  'businessPhones', 'city', 'companyName', 'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType',
  'customSecurityAttributes', 'department', 'deviceEnrollmentLimit', 'displayName', 'employeeHireDate', 'employeeId',
  'employeeLeaveDateTime', 'employeeOrgData', 'employeeType', 'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber',
  'givenName', 'hireDate', 'identities', 'identityParentId', 'imAddresses', 'interests', 'isManagementRestricted', 'isResourceAccount',
  'jobTitle', 'lastPasswordChangeDateTime', 'legalAgeGroupClassification', 'licenseAssignmentStates', 'mail', 'mailboxSettings',
  'mailNickname', 'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName', 'onPremisesDomainName',
  'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors',
  'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'otherMails',
  'passwordPolicies', 'passwordProfile', 'pastProjects', 'postalCode', 'preferredDataLocation', 'preferredLanguage', 'preferredName',
  'print', 'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'securityIdentifier', 'serviceProvisioningErrors',
  'showInAddressList', 'signInActivity', 'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation',
  'userPrincipalName', 'userType',
]);

export const DIRECTORY_ROLE_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'deletedDateTime', 'description', 'displayName', 'roleTemplateId',
]);

export const GROUP_PROPERTIES: ReadonlySet<string> = new Set([
  'id', 'deletedDateTime', 'accessType', 'allowExternalSenders', 'assignedLabels', 'assignedLicenses', 'autoSubscribeNewMembers',
  'classification', 'createdDateTime', 'description', 'displayName', 'expirationDateTime', 'groupTypes', 'hasMembersWithLicenseErrors',
  'hideFromAddressLists', 'hideFromOutlookClients', 'infoCatalogs', 'isArchived', 'isAssignableToRole', 'isFavorite',
  'isManagementRestricted', 'isSubscribedByMail', 'licenseProcessingState', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule',
  'membershipRuleProcessingState', 'onPremisesDomainName', 'onPremisesExtensionAttributes', 'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName', 'onPremisesProvisioningErrors', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled', 'organizationId', 'preferredDataLocation', 'preferredLanguage', 'proxyAddresses', 'renewedDateTime',
  'resourceBehaviorOptions', 'resourceProvisioningOptions', 'securityEnabled', 'securityIdentifier', 'serviceProvisioningErrors', 'theme',
  'uniqueName', 'unseenConversationsCount', 'unseenCount', 'unseenMessagesCount', 'visibility', 'welcomeMessageEnabled',
]);
