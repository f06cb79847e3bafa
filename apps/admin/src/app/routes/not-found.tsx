import { Link } from 'react-router-dom';

export function NotFoundRoute() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </section>
  );
}
