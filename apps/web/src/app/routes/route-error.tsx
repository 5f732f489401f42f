import { Button } from '@ui5/webcomponents-react';
import { Component, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { t } from '../../i18n';

/** Unknown URLs (no error) and render errors end here, with the way back to the tenants. */
export function RouteError({ error }: { error?: unknown }) {
  const navigate = useNavigate();
  return (
    <PageMessage error={error}>
      <Button design="Emphasized" onClick={() => navigate(paths.home.getHref())}>
        {t('app.backToTenants')}
      </Button>
    </PageMessage>
  );
}

interface BoundaryProps {
  /** The current path: the error is forgotten when it changes, so that going to another page starts afresh. */
  path: string;
  children: ReactNode;
}

/** Catches what a page throws while rendering (also a page chunk that failed to load): RouteError, not a blank screen. */
export class RouteErrorBoundary extends Component<BoundaryProps, { error: unknown; path: string }> {
  override state = { error: undefined as unknown, path: this.props.path };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { error: unknown; path: string }) {
    return props.path === state.path ? null : { error: undefined, path: props.path };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <RouteError error={this.state.error} />;
  }
}
