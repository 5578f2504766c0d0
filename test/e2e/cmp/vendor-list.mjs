// A small Global Vendor List in the v3 format of TCF v2.2 (tcfPolicyVersion 4), enough for
// @iabtcf/core to encode real TC strings offline: the eleven purposes, the special purposes
// and features, and one vendor standing for a Tracely server declared in the GVL.
/**
 * Declarations numbered from 1, as the GVL lists them.
 * @param {string[]} names
 * @returns {Record<number, { id: number, name: string, description: string, illustrations: string[] }>}
 */
const named = (names) => Object.fromEntries(names.map((name, i) => [i + 1, { id: i + 1, name, description: name, illustrations: [] }]));

export const TRACELY_VENDOR_ID = 1001;

export const vendorList = {
  gvlSpecificationVersion: 3,
  vendorListVersion: 1,
  tcfPolicyVersion: 4,
  lastUpdated: '2025-01-01T00:00:00Z',
  purposes: named([
    'Store and/or access information on a device',
    'Use limited data to select advertising',
    'Create profiles for personalised advertising',
    'Use profiles to select personalised advertising',
    'Create profiles to personalise content',
    'Use profiles to select personalised content',
    'Measure advertising performance',
    'Measure content performance',
    'Understand audiences through statistics or combinations of data from different sources',
    'Develop and improve services',
    'Use limited data to select content',
  ]),
  specialPurposes: named(['Ensure security, prevent and detect fraud, and fix errors', 'Deliver and present advertising and content', 'Save and communicate privacy choices']),
  features: named(['Match and combine data from other data sources', 'Link different devices', 'Identify devices based on information transmitted automatically']),
  specialFeatures: named(['Use precise geolocation data', 'Actively scan device characteristics for identification']),
  stacks: {},
  dataCategories: {},
  vendors: {
    [TRACELY_VENDOR_ID]: {
      id: TRACELY_VENDOR_ID,
      name: 'Tracely (test vendor)',
      purposes: [1, 8],
      legIntPurposes: [],
      flexiblePurposes: [],
      specialPurposes: [1],
      features: [],
      specialFeatures: [],
      cookieMaxAgeSeconds: null,
      usesCookies: false,
      usesNonCookieAccess: true,
      dataRetention: { stdRetention: 30, purposes: {}, specialPurposes: {} },
      dataDeclaration: [],
      urls: [{ langId: 'en', privacy: 'https://tracely.example/privacy' }],
    },
  },
};
