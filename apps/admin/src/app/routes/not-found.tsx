import { usePageTitle } from '../../lib/use-page-title';
import { Link } from 'react-router-dom';

export function NotFoundRoute() {
  usePageTitle('Page not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </section>
  );
}
