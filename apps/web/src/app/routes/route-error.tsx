import { Button } from '@ui5/webcomponents-react';
import { Component, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PageMessage } from '../../components/page-message';
import { paths } from '../../config/paths';
import { t } from '../../i18n';
import { LoadAttempt } from '../../lib/retryable-lazy';

/** Unknown URLs (no error) and render errors end here, with the way back to the tenants (and "Try again" for errors). */
export function RouteError({ error, onRetry }: { error?: unknown; onRetry?: () => void }) {
  const navigate = useNavigate();
  return (
    <PageMessage error={error}>
      {onRetry && (
        <Button design="Emphasized" onClick={onRetry}>
          {t('app.tryAgain')}
        </Button>
      )}
      <Button design={onRetry ? 'Transparent' : 'Emphasized'} onClick={() => navigate(paths.home.getHref())}>
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

interface BoundaryState {
  error: unknown;
  path: string;
  /** Bumped at every fresh start (another path, "Try again"): chunks that failed to load are asked for again then. */
  attempt: number;
}

/** Catches what a page throws while rendering (also a page chunk that failed to load): RouteError, not a blank screen. */
export class RouteErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: undefined, path: this.props.path, attempt: 0 };

  static getDerivedStateFromError(error: unknown) {
    return { error: error ?? new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState) {
    return props.path === state.path ? null : { error: undefined, path: props.path, attempt: state.attempt + 1 };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  private readonly retry = () => this.setState((state) => ({ error: undefined, attempt: state.attempt + 1 }));

  override render() {
    const { error, attempt } = this.state;
    return (
      <LoadAttempt.Provider value={attempt}>
        {error === undefined ? this.props.children : <RouteError error={error} onRetry={this.retry} />}
      </LoadAttempt.Provider>
    );
  }
}
