import { PageHeader } from '../components/page-header';
import { href } from '../lib/router';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" description="This address does not lead anywhere in Condo Sync." />
      <p>
        <a href={href.home}>Go to Home</a> or <a href={href.units}>open the Unit File</a>.
      </p>
    </>
  );
}
