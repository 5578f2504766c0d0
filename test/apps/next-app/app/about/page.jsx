// A static page: rendered once by `next build`.
export default function About() {
  return <h1 id="about">about</h1>;
}
