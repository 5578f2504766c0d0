// A small TCF v2.2 CMP for the end-to-end tests, built on IAB's own libraries: @iabtcf/cmpapi
// answers `__tcfapi` (replacing the @iabtcf/stub queue), @iabtcf/core encodes real TC
// strings. Its banner offers accept all, reject all, accept some (purpose 1 only) and, once
// answered, "Privacy settings" to change the choice later. The string is kept in the CMP's
// own localStorage key, so a returning visitor's choice is known before the page asks.
import { CmpApi } from '@iabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtcf/core';
import { TRACELY_VENDOR_ID, vendorList } from './vendor-list.mjs';

const STORE = 'demo-cmp-tc-string';
const CMP_ID = 300;
const ALL_PURPOSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** @param {number[]} purposes @param {number[]} vendors */
function encode(purposes, vendors) {
  // @iabtcf/core's Vendor type still requires GVL v2's policyUrl (v3 has urls instead) and
  // cookieRefresh (left out for this cookie-free vendor): the v3 list does not fit its type.
  const model = new TCModel(new GVL(/** @type {import('@iabtcf/core').VendorList} */ (/** @type {unknown} */ (vendorList))));
  model.cmpId = CMP_ID;
  model.cmpVersion = 1;
  model.consentScreen = 1;
  model.consentLanguage = 'EN';
  model.publisherCountryCode = 'DE';
  model.isServiceSpecific = true;
  model.purposeConsents.set(purposes);
  model.vendorConsents.set(vendors);
  return TCString.encode(model);
}

const cmp = new CmpApi(CMP_ID, 1, true);
const banner = document.createElement('div');
banner.id = 'tcf-banner';
banner.innerHTML = `<p>We and our partners store and access information on your device.</p>
  <button id="tcf-accept-all">Accept all</button> <button id="tcf-reject-all">Reject all</button>
  <button id="tcf-accept-some">Only store information on my device</button>`;
const settings = document.createElement('button');
settings.id = 'tcf-settings';
settings.textContent = 'Privacy settings';

/** @param {string | null} stored */
function show(stored) {
  banner.hidden = false;
  settings.hidden = true;
  cmp.update(stored || '', true);
}

/** @param {number[]} purposes @param {number[]} vendors */
function decide(purposes, vendors) {
  const tcString = encode(purposes, vendors);
  localStorage.setItem(STORE, tcString);
  banner.hidden = true;
  settings.hidden = false;
  cmp.update(tcString, false);
}

// The banner's own buttons, written into its innerHTML above.
/** @type {HTMLButtonElement} */ (banner.querySelector('#tcf-accept-all')).onclick = () => decide(ALL_PURPOSES, [TRACELY_VENDOR_ID]);
/** @type {HTMLButtonElement} */ (banner.querySelector('#tcf-reject-all')).onclick = () => decide([], []);
/** @type {HTMLButtonElement} */ (banner.querySelector('#tcf-accept-some')).onclick = () => decide([1], [TRACELY_VENDOR_ID]);
settings.onclick = () => show(localStorage.getItem(STORE));
document.body.append(banner, settings);

const stored = localStorage.getItem(STORE);
if (stored) {
  banner.hidden = true;
  cmp.update(stored, false);
} else {
  show('');
}
