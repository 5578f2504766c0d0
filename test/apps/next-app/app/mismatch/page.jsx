import { Where } from './where';

// A page whose server HTML and first client render differ: a hydration error.
export default function Mismatch() {
  return (
    <main>
      <h1 id="mismatch">mismatch</h1>
      <Where />
    </main>
  );
}
