import { API_ROUTES } from '@tcc/shared';
import { describe, expect, it } from 'vitest';
import { hasMessage } from './index';
import './pages';

describe('audit action names', () => {
  it('when a route changes something (and so is audited), then the audit log has a readable name for it', () => {
    const changing = Object.entries(API_ROUTES).filter(([, route]) => route.method !== 'get').map(([name]) => name);
    expect(changing.filter((name) => !hasMessage(`audit.action.${name}`))).toEqual([]);
  });
});
