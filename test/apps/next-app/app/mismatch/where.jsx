'use client';
// Says where it renders: "server" in the HTML, "browser" in the hydration render.
export function Where() {
  return <p id="where">{typeof window == 'undefined' ? 'server' : 'browser'}</p>;
}
