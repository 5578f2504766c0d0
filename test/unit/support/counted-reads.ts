// A large array whose reads are counted: shows that a serialiser stops part way, without timing it.

/** `length` copies of `value` behind a Proxy that counts every property read (`reads()`). */
export function countedArray(length: number, value: unknown): { array: unknown[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(new Array(length).fill(value), { get: (target, key) => (reads++, Reflect.get(target, key)) });
  return { array, reads: () => reads };
}
