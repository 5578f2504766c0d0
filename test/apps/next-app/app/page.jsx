import { Failures } from './failures';

export default function Home() {
  return (
    <main>
      <h1 id="home">home</h1>
      <Failures />
    </main>
  );
}
