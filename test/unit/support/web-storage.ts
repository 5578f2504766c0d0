// Node has no Web Storage: a minimal one whose keys are own properties (as in browsers)
// stands in for it, so `Object.keys(storage)` lists what is stored.
export class PropStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this, key) ? (this[key] as string) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
}
